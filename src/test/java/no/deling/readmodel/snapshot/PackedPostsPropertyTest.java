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
