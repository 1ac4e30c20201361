package no.deling.readmodel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PackedPosts;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;

/**
 * Posts read back from a snapshot are kept as records until they change; an index that went
 * through snapshots must answer exactly as one that kept every post as an object all along —
 * whichever posts were changed after which snapshot, and however many snapshots were taken, each
 * copying the untouched records and encoding the changed posts.
 */
class PackedPostsPropertyTest {
  private static final String[] PEOPLE = {"alice", "bob", "carol", "dave", "erin"};
  private static final String[] TAGS = {"java", "kotlin", "ops", "ml"};
  private static final String[] GROUPS = {null, null, "g-1", "g-2"};

  @Property(tries = 60)
  void anIndexThroughSnapshots_answersAsOneThatNeverTookAny(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int events,
      @ForAll @IntRange(min = 0, max = 4) int snapshots) {
    Random random = new Random(seed);
    List<DomainEvent> history = history(random, events);
    PostIndex objects = new PostIndex(new Interner());
    PostIndex restarted = new PostIndex(new Interner());
    List<Integer> cuts = new ArrayList<>();
    for (int i = 0; i < snapshots; i++) cuts.add(random.nextInt(history.size() + 1));
    for (int i = 0; i < history.size(); i++) {
      for (int cut : cuts) if (cut == i) restarted = throughASnapshot(restarted);
      objects.on(history.get(i), i + 1);
      restarted.on(history.get(i), i + 1);
    }
    restarted = throughASnapshot(restarted);

    assertThat(restarted.size()).isEqualTo(objects.size());
    assertThat(dump(restarted)).isEqualTo(dump(objects));
    for (long id : dump(objects).keySet()) {
      assertThat(describe(restarted.get(id))).isEqualTo(describe(objects.get(id)));
      assertThat(restarted.thread(objects.get(id).threadRoot).stream().map(PackedPostsPropertyTest::describe).toList())
          .isEqualTo(objects.thread(objects.get(id).threadRoot).stream().map(PackedPostsPropertyTest::describe).toList());
    }
    long from = random.nextInt(events + 1);
    List<String> since = new ArrayList<>();
    restarted.forEach(at -> at >= from, v -> since.add(describe(v)));
    List<String> expected = new ArrayList<>();
    objects.forEach(v -> {
      if (v.publishedAt >= from) expected.add(describe(v));
    });
    assertThat(since).containsExactlyInAnyOrderElementsOf(expected);
  }

  /**
   * A running index through snapshots as a server takes them: each freezes the posts with applying
   * stopped, packs the ones it encoded, and writes them out while events go on being applied. Each
   * snapshot read back must be the index as it was when frozen; the index must answer as one that
   * never took any all along (while records changed under a snapshot wait to be marked, too); and
   * once a snapshot is done, the words a change replaced are zeros wherever they had been.
   */
  @Property(tries = 60)
  void aRunningIndex_packsWhatEachSnapshotEncoded_andEachSnapshotIsAsFrozen(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 400) int events, @ForAll @IntRange(min = 1, max = 5) int snapshots) {
    Replay r = Replay.of(seed, events, snapshots);
    PostIndex objects = r.objects();
    PostIndex running = r.index();
    List<Words> replaced = new ArrayList<>();
    PackedPosts.Frozen frozen = null;
    TreeMap<Long, String> asFrozen = null;
    byte[] threadsAsFrozen = null;
    for (int i = 0; i < r.history().size(); i++) {
      if (r.cuts().contains(i)) {
        if (frozen != null) checkWritten(frozen, asFrozen, threadsAsFrozen, running);
        running.settle();
        asFrozen = dump(objects);
        threadsAsFrozen = threads(running);
        frozen = running.freeze();
        running.packFrozen();
        assertThat(dump(running)).isEqualTo(asFrozen);
      }
      r.apply(i, replaced);
      assertThat(dump(running)).isEqualTo(dump(objects));
    }
    if (frozen != null) checkWritten(frozen, asFrozen, threadsAsFrozen, running);
    running.settle();

    assertAnswersAsObjects(running, objects);
    assertZeroed(replaced);
  }

  /**
   * A random history, an index that keeps objects throughout to compare with, the index under
   * test, and up to {@code n} points of the history at which something happens to it, in order.
   */
  private record Replay(List<DomainEvent> history, PostIndex objects, PostIndex index, java.util.Set<Integer> cuts) {
    static Replay of(long seed, int events, int n) {
      Random random = new Random(seed);
      List<DomainEvent> history = PackedPostsPropertyTest.history(random, events);
      java.util.Set<Integer> cuts = new java.util.TreeSet<>();
      for (int i = 0; i < n; i++) cuts.add(random.nextInt(history.size()));
      return new Replay(history, new PostIndex(new Interner()), new PostIndex(new Interner()), cuts);
    }

    /** Applies the history's {@code i}th event to both indexes, first noting the words it replaces in the one under test. */
    void apply(int i, List<Words> replaced) {
      DomainEvent e = history.get(i);
      if (e instanceof PostEdited ed) replaced.add(Words.of(index.get(PostIds.parse(ed.postId()))));
      if (e instanceof PostDeleted d) replaced.add(Words.of(index.get(PostIds.parse(d.postId()))));
      objects.on(e, i + 1);
      index.on(e, i + 1);
    }
  }

  /** Every post and every thread as the index that kept objects all along has them. */
  private static void assertAnswersAsObjects(PostIndex index, PostIndex objects) {
    assertThat(index.size()).isEqualTo(objects.size());
    for (long id : dump(objects).keySet()) {
      assertThat(describe(index.get(id))).isEqualTo(describe(objects.get(id)));
      assertThat(index.thread(objects.get(id).threadRoot).stream().map(PackedPostsPropertyTest::describe).toList())
          .isEqualTo(objects.thread(objects.get(id).threadRoot).stream().map(PackedPostsPropertyTest::describe).toList());
    }
  }

  /** The words changes replaced are zeros where they were. */
  private static void assertZeroed(List<Words> replaced) {
    for (Words old : replaced) {
      if (old == null || old.length() == 0) continue;
      byte[] words = java.util.Arrays.copyOfRange(old.array(), old.from(), old.from() + old.length());
      assertThat(words).as("the replaced words of post %d", old.post()).containsOnly((byte) 0);
    }
  }

  /**
   * A replay packs the posts it kept as objects every so often, outside any snapshot
   * ({@code PostIndex#packObjects}): the index must answer as one that kept objects all along, the
   * words a change replaced must be zeros where they were, and the records' lineage must change at
   * each packing (no snapshot holds those records) and at no other step.
   */
  @Property(tries = 60)
  void anIndexPackedWhileReplaying_answersAsObjects_andItsLineageChangesWithEachPacking(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 400) int events, @ForAll @IntRange(min = 1, max = 5) int packings) {
    Replay r = Replay.of(seed, events, packings);
    PostIndex objects = r.objects();
    PostIndex replaying = r.index();
    List<Words> replaced = new ArrayList<>();
    for (int i = 0; i < r.history().size(); i++) {
      if (r.cuts().contains(i)) {
        Object before = replaying.recordsLineage();
        int kept = replaying.objectCount();
        boolean packed = replaying.packObjects();
        assertThat(packed).as("packed whenever there were objects").isEqualTo(kept > 0);
        assertThat(replaying.objectCount()).isZero();
        assertThat(replaying.recordsLineage() != before).as("the lineage changes with a packing, and only then").isEqualTo(packed);
        assertThat(dump(replaying)).isEqualTo(dump(objects));
      }
      Object before = replaying.recordsLineage();
      r.apply(i, replaced);
      assertThat(replaying.recordsLineage()).as("an event does not change the lineage").isSameAs(before);
      assertThat(dump(replaying)).isEqualTo(dump(objects));
    }
    assertAnswersAsObjects(replaying, objects);
    assertZeroed(replaced);
    // a snapshot after packings writes them: frozen, everything is in the records
    PackedPosts.Frozen frozen = replaying.freeze();
    replaying.packFrozen();
    replaying.thaw();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PostsSection.write(frozen, out);
    PostIndex back = new PostIndex(new Interner());
    back.restoredPosts(PostsSection.read(new ByteArrayInputStream(out.toByteArray())));
    assertThat(dump(back)).isEqualTo(dump(objects));
  }

  /**
   * Where a live post's text was when a change replaced it (an object's view changes in place, so
   * its place is taken then). The history edits deleted posts too, which no decider lets happen, and
   * deleting one again leaves it as it is: those are left out.
   */
  private record Words(long post, byte[] array, int from, int length) {
    static Words of(PostView v) {
      return v == null || v.deleted || v.textArray() == null ? null : new Words(v.id, v.textArray(), v.textFrom(), v.textLength());
    }
  }

  /** Writes the frozen posts as a snapshot's late section does, thaws, and reads the section back. */
  private static void checkWritten(PackedPosts.Frozen frozen, TreeMap<Long, String> asFrozen, byte[] threads, PostIndex running) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PostsSection.write(frozen, out);
    running.thaw();
    PostIndex back = new PostIndex(new Interner());
    back.restoredPosts(PostsSection.read(new ByteArrayInputStream(out.toByteArray())));
    try {
      back.readState(new CompactReader(new ByteArrayInputStream(threads)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(dump(back)).isEqualTo(asFrozen);
  }

  private static byte[] threads(PostIndex index) {
    ByteArrayOutputStream threads = new ByteArrayOutputStream();
    CompactWriter w = new CompactWriter(threads);
    index.writeState(w);
    w.flush();
    return threads.toByteArray();
  }

  private static PostIndex throughASnapshot(PostIndex index) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PostsSection.write(index, out);
    PostIndex back = new PostIndex(new Interner());
    back.restoredPosts(PostsSection.read(new ByteArrayInputStream(out.toByteArray())));
    ByteArrayOutputStream threads = new ByteArrayOutputStream(); // the threads, as the models' section writes them
    CompactWriter w = new CompactWriter(threads);
    index.writeState(w);
    w.flush();
    try {
      back.readState(new CompactReader(new ByteArrayInputStream(threads.toByteArray())));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return back;
  }

  private static List<DomainEvent> history(Random random, int events) {
    List<DomainEvent> out = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    List<Long> roots = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      int what = ids.isEmpty() ? 0 : random.nextInt(10);
      String who = PEOPLE[random.nextInt(PEOPLE.length)];
      if (what < 6) {
        long id = 1_000 + i;
        boolean reply = !ids.isEmpty() && random.nextBoolean();
        long parent = reply ? ids.get(random.nextInt(ids.size())) : 0;
        long root = reply ? roots.get(ids.indexOf(parent)) : id;
        ids.add(id);
        roots.add(root);
        out.add(new PostPublished(PostIds.format(id), who, text(random), reply ? PostIds.format(parent) : null, PostIds.format(root),
            some(random, TAGS), some(random, PEOPLE), links(random), Instant.ofEpochMilli(i), reply ? null : GROUPS[random.nextInt(4)],
            reply || random.nextInt(4) > 0 ? null : "question"));
      } else if (what < 8) {
        long id = ids.get(random.nextInt(ids.size()));
        out.add(new PostEdited(PostIds.format(id), who, text(random), some(random, TAGS), some(random, PEOPLE), links(random),
            Instant.ofEpochMilli(10_000 + i)));
      } else {
        out.add(new PostDeleted(PostIds.format(ids.get(random.nextInt(ids.size()))), who, Instant.ofEpochMilli(10_000 + i)));
      }
    }
    return out;
  }

  private static String text(Random random) {
    int n = random.nextInt(5) == 0 ? 300 + random.nextInt(4_000) : random.nextInt(40);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) s.append("aø€\uD83D\uDE00 ".charAt(random.nextInt(5)));
    return s.toString().replace("\uD83D", "x").replace("\uDE00", "y");
  }

  private static List<String> some(Random random, String[] from) {
    List<String> out = new ArrayList<>();
    for (String s : from) if (random.nextInt(4) == 0) out.add(s);
    return out;
  }

  private static List<String> links(Random random) {
    List<String> out = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) out.add("https://example.org/" + random.nextInt(100) + "/æ");
    return out;
  }

  private static TreeMap<Long, String> dump(PostIndex index) {
    TreeMap<Long, String> out = new TreeMap<>();
    index.forEach(v -> assertThat(out.put(v.id, describe(v))).as("post %d twice", v.id).isNull());
    return out;
  }

  private static String describe(PostView v) {
    return String.join("|", String.valueOf(v.id), v.author, String.valueOf(v.inReplyTo), String.valueOf(v.threadRoot),
        String.valueOf(v.publishedAt), String.valueOf(v.position), String.valueOf(v.group), String.valueOf(v.kind),
        String.valueOf(v.revisedAt), v.text(), List.of(v.hashtags).toString(), List.of(v.mentions).toString(),
        List.of(v.links).toString(), String.valueOf(v.editedAt), String.valueOf(v.deleted), String.valueOf(v.replies));
  }
}
