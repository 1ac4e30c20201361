package no.deling.readmodel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.deling.core.collections.Interner;
import no.deling.core.collections.LongList;
import no.deling.readmodel.ModelState;
import no.deling.readmodel.ReadModel;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.endorsements.Endorsements;
import no.deling.notifications.Notification;
import no.deling.notifications.NotificationEvent;
import no.deling.notifications.Notifications;
import no.deling.links.LinkEvent.BookmarkSaved;
import no.deling.links.Links;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PackedPosts;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.support.StateDump;
import org.junit.jupiter.api.Test;

/**
 * What the codec gives back shared. The models hold one instance per person id, tag or
 * department (interned); a restart must not turn them into one instance per place that holds
 * them, whether that place is a field, an array or a list.
 */
class SnapshotCodecTest {
  /** A model of ours, with strings held the three ways the models hold them. */
  static final class Holder {
    String author;
    String[] endorsers;
    List<String> tags = new ArrayList<>();
    Holder other;
  }

  @Test
  void equalStrings_comeBackAsOneInstance_whereverTheyAreHeld() {
    Holder a = new Holder();
    a.author = new String("alice");
    a.endorsers = new String[] {new String("alice"), new String("bob"), null};
    a.tags.add(new String("bob"));
    a.other = new Holder();
    a.other.author = new String("bob");
    a.other.endorsers = new String[] {new String("alice")};

    Holder back = roundTrip(a);

    assertThat(back.author).isEqualTo("alice");
    assertThat(back.endorsers).containsExactly("alice", "bob", null);
    assertThat(back.endorsers[0]).isSameAs(back.author).isSameAs(back.other.endorsers[0]);
    assertThat(back.endorsers[1]).isSameAs(back.tags.get(0)).isSameAs(back.other.author);
  }

  @Test
  void anObjectOfOursHeldTwice_comesBackHeldTwice_andDistinctOnesStayDistinct() {
    Holder shared = new Holder();
    shared.author = "carol";
    Holder a = new Holder();
    a.other = new Holder();
    a.other.other = shared;
    a.author = "dave";
    Holder root = new Holder();
    root.other = a;
    a.other.endorsers = new String[0];
    shared.other = a; // a cycle, too

    Holder back = roundTrip(root);

    assertThat(back.other.other.other.other).isSameAs(back.other);
    assertThat(back.other.other).isNotSameAs(back.other.other.other);
    assertThat(back.other.other.other.author).isEqualTo("carol");
  }

  @Test
  void thePostsSection_sharesEqualStringsAcrossPosts() {
    Long2ObjectOpenHashMap<PostView> posts = new Long2ObjectOpenHashMap<>();
    for (long id = 1; id <= 3; id++) {
      PostView v = PostView.restored(id, new String("alice"), 0, id, 1_000 * id, id, null, new String("question"));
      v.setText("post " + id);
      posts.put(id, v);
    }
    PostIndex index = new PostIndex(new Interner());
    index.restoredPosts(posts);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PostsSection.write(index, out);

    PackedPosts back = PostsSection.read(new ByteArrayInputStream(out.toByteArray()));

    assertThat(back.size()).isEqualTo(3);
    assertThat(back.get(3).text()).isEqualTo("post 3");
    assertThat(back.get(1).author).isEqualTo("alice").isSameAs(back.get(2).author).isSameAs(back.get(3).author);
    assertThat(back.get(1).kind).isEqualTo("question").isSameAs(back.get(3).kind);
  }

  @Test
  void thePosts_comeBackWithEveryField_andSharesTagArraysButNotLinks() {
    Long2ObjectOpenHashMap<PostView> posts = new Long2ObjectOpenHashMap<>();
    PostView a = PostView.restored(Long.MAX_VALUE - 1, "bob", 7, 3, 1_700_000_000_000L, 1L << 40, "g-1", null);
    a.setText("æøå ".repeat(30_000) + "\uD83D\uDE00"); // longer than the reader's buffer, and not Latin-1
    a.hashtags = new String[] {"java", "kotlin"};
    a.mentions = new String[] {"carol"};
    a.links = new String[] {"https://example.org/a"};
    a.revisedAt = 12;
    a.editedAt = 1_700_000_000_999L;
    a.replies = 4;
    PostView b = PostView.restored(2, "bob", 0, 2, 5, 6, null, null);
    b.deleted = true;
    b.hashtags = new String[] {"java", "kotlin"};
    b.mentions = new String[] {"carol", "dave"};
    b.links = new String[] {"https://example.org/a"};
    PostView c = PostView.restored(3, "erin", 0, 3, 5, 6, null, null);
    c.hashtags = new String[0];
    posts.put(a.id, a);
    posts.put(b.id, b);
    posts.put(c.id, c);

    PackedPosts back = PostsSection.read(new ByteArrayInputStream(postsSection(posts)));

    PostView a2 = back.get(a.id);
    for (PostView v : List.of(a, b, c)) {
      // where a text's bytes are kept differs (see the next test); what they say may not
      assertThat(back.get(v.id)).usingRecursiveComparison().ignoringFields("textUtf8", "textFrom").isEqualTo(v);
      assertThat(back.get(v.id).text()).isEqualTo(v.text());
    }
    assertThat(back.get(2L).hashtags).isSameAs(a2.hashtags);
    assertThat(back.get(2L).links).isNotSameAs(a2.links);
    assertThat(back.get(2L).mentions[0]).isSameAs(a2.mentions[0]);
    assertThat(back.get(3L).text()).isNull();
  }

  @Test
  void postsComeBackAsRecordsSharingArrays_andAnEditOrADeleteZeroesOnlyThatPostsBytes() {
    Long2ObjectOpenHashMap<PostView> posts = new Long2ObjectOpenHashMap<>();
    for (long id = 1; id <= 2_000; id++) {
      PostView v = PostView.restored(id, "alice", 0, id, id, id, null, null);
      v.setText("post number " + id + " " + "ø".repeat((int) (id % 300)));
      v.hashtags = v.mentions = v.links = new String[0];
      posts.put(id, v);
    }
    PostView big = PostView.restored(9_999, "bob", 0, 9_999, 1, 1, null, null);
    big.setText("x".repeat(1 << 18)); // too long to share: an array of its own
    big.hashtags = big.mentions = big.links = new String[0];
    posts.put(big.id, big);

    PackedPosts back = PostsSection.read(new ByteArrayInputStream(postsSection(posts)));
    for (PostView v : posts.values()) assertThat(back.get(v.id).text()).isEqualTo(v.text());
    PostView first = back.get(1L);
    PostView second = back.get(2L);
    java.util.Set<byte[]> arrays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (long id = 1; id <= 2_000; id++) arrays.add(back.get(id).textArray());
    assertThat(arrays).hasSizeLessThan(2_000 / 50); // hundreds of posts to an array
    assertThat(back.get(9_999L).textArray()).isNotSameAs(first.textArray()).hasSizeLessThan((1 << 18) + 64);

    byte[] slab = first.textArray();
    int firstAt = first.textFrom();
    int firstLength = first.textLength();
    byte[] secondSlab = second.textArray();
    int secondAt = second.textFrom();
    int secondLength = second.textLength();
    PostIndex index = new PostIndex(new Interner());
    index.restoredPosts(back);
    index.on(new PostEdited(PostIds.format(1), "alice", "edited", List.of(), List.of(), List.of(), Instant.EPOCH), 10);
    index.on(new no.deling.posts.PostEvent.PostDeleted(PostIds.format(2), "alice", Instant.EPOCH), 11);

    assertThat(index.get(1L).text()).isEqualTo("edited");
    assertThat(index.get(1L).textArray()).isNotSameAs(slab); // a new array: the JSON cache sees the change by identity
    assertThat(java.util.Arrays.copyOfRange(slab, firstAt, firstAt + firstLength)).containsOnly(0);
    assertThat(index.get(2L).text()).isNull();
    assertThat(index.get(2L).deleted).isTrue();
    assertThat(java.util.Arrays.copyOfRange(secondSlab, secondAt, secondAt + secondLength)).containsOnly(0);
    assertThat(new String(slab, StandardCharsets.ISO_8859_1) + new String(secondSlab, StandardCharsets.ISO_8859_1))
        .doesNotContain("post number 1 ", "post number 2 ");
    assertThat(index.get(3L).text()).isEqualTo(posts.get(3L).text()); // its neighbour's bytes are untouched
    assertThat(index.get(2_000L).text()).isEqualTo(posts.get(2_000L).text());
    assertThat(index.size()).isEqualTo(2_001);
  }

  @Test
  void theLinkLibrary_comesBackWhole_sharesTagLists_andAnEditAfterwardsTakesBackWhatThePostNoLongerLinks() {
    String p1 = PostIds.format(101);
    String p2 = PostIds.format(102);
    List<no.deling.core.events.DomainEvent> history = List.of(
        new PostPublished(p1, "ann", "see https://a.example/x and https://b.example", null, p1, new ArrayList<>(List.of("java")), List.of(),
            List.of("https://a.example/x", "https://b.example"), Instant.ofEpochMilli(1_000)),
        new PostPublished(p2, "bob", "also https://a.example/x", null, p2, new ArrayList<>(List.of("java")), List.of(),
            List.of("https://a.example/x"), Instant.ofEpochMilli(2_000)),
        new BookmarkSaved("https://c.example/doc", "cid", List.of("reading", "java"), "Worth it, æøå \uD83D\uDE00", "g-1", Instant.ofEpochMilli(3_000)),
        new BookmarkSaved("https://a.example/x", "cid", List.of(), null, null, Instant.ofEpochMilli(4_000)));
    Links written = new Links(new Interner());
    history.forEach(written::on);

    Links back = new Links(new Interner());
    back.restoredEntries(RecordsSection.read(new ByteArrayInputStream(recordsSection(written, new Endorsements(new Interner()),
        new Notifications()))).links());

    assertThat(StateDump.of(back)).isEqualTo(StateDump.of(written));
    List<String> tagsOfP1 = null;
    List<String> tagsOfP2 = null;
    for (Links.Entry e : back.all()) {
      for (Links.Contribution c : e.contributions) {
        if (c.post() == 101) tagsOfP1 = c.tags();
        if (c.post() == 102) tagsOfP2 = c.tags();
      }
    }
    assertThat(tagsOfP1).containsExactly("java").isSameAs(tagsOfP2);
    // which links each post made is not written: it follows from the entries, and an edit needs it
    PostEdited edit = new PostEdited(p1, "ann", "only https://b.example now", List.of(), List.of(), List.of("https://b.example"),
        Instant.ofEpochMilli(5_000));
    written.on(edit);
    back.on(edit);
    assertThat(StateDump.of(back)).isEqualTo(StateDump.of(written)).doesNotContain("post=101,group=null,};Contribution{by=\"bob\"");
  }

  @Test
  void aCutRecordsSection_isRefused_notReadAsFewerRecords() {
    Links links = new Links(new Interner());
    for (int i = 0; i < 40; i++) {
      links.on(new BookmarkSaved("https://example.org/" + i, "ann", List.of("t" + (i % 3)), "note " + i, null, Instant.ofEpochMilli(i)));
    }
    Endorsements endorsements = new Endorsements(new Interner());
    endorse(endorsements, 1001, "bob", 20);
    byte[] whole = recordsSection(links, endorsements, someNotifications());
    assertEveryCutRefused(whole, RecordsSection::read);
  }

  @Test
  void aCutPostsSection_isRefused_notReadAsFewerPosts() {
    Long2ObjectOpenHashMap<PostView> posts = new Long2ObjectOpenHashMap<>();
    for (long id = 1; id <= 50; id++) {
      PostView v = PostView.restored(id, "alice", 0, id, id, id, null, null);
      v.setText("words " + id);
      posts.put(id, v);
    }
    byte[] whole = postsSection(posts);
    assertEveryCutRefused(whole, PostsSection::read);
  }

  @Test
  void notifications_comeBackPerPerson_inOrder_withHowFarTheyRead_andShareTheirStrings() {
    Notifications written = someNotifications();

    Notifications back = RecordsSection.read(new ByteArrayInputStream(recordsSection(new Links(new Interner()),
        new Endorsements(new Interner()), written))).notifications();

    assertThat(back.recipients()).isEqualTo(3);
    assertThat(people(back)).isEqualTo(people(written));
    assertThat(back.readUpTo("ann")).isEqualTo(2);
    assertThat(back.readUpTo("cid")).isEqualTo(7);
    List<Notification> bob = back.snapshot("bob");
    assertThat(bob.get(0).from()).isEqualTo("eve").isSameAs(bob.get(1).from());
    assertThat(bob.get(1).note()).isEqualTo("you know #java");
  }

  /** ann: two; bob: two, one with a group and a note; cid: none, but has read up to 7. */
  private static Notifications someNotifications() {
    Notifications n = new Notifications();
    n.handle(List.of(
        new Notification(1, "ann", "mention", new String("eve"), 11, null, 1000),
        new Notification(2, "bob", "follow", new String("eve"), 0, null, 2000),
        new Notification(3, "ann", "reply", "bob", 12, null, 3000),
        new Notification(4, "bob", "question", new String("eve"), 13, "g-1", 4000, "you know #java"),
        new NotificationEvent.NotificationsRead("ann", 2, Instant.EPOCH),
        new NotificationEvent.NotificationsRead("cid", 7, Instant.EPOCH)), 4);
    return n;
  }

  private static List<String> people(Notifications n) {
    List<String> out = new ArrayList<>();
    n.forEachPerson((who, read, list) -> out.add(who + " " + read + " " + n.snapshot(who)));
    out.sort(null);
    return out;
  }

  @Test
  void endorsements_comeBackWithWhoAndWhen_oneEndorserOrMany() {
    Endorsements written = new Endorsements(new Interner());
    long one = 1001;
    long many = 1002;
    endorse(written, one, "ann", 10);
    endorse(written, many, "bob", 20);
    endorse(written, many, "cid", 30);
    endorse(written, many, "ann", 40);

    Endorsements back = new Endorsements(new Interner());
    back.restored(RecordsSection.read(new ByteArrayInputStream(recordsSection(new Links(new Interner()), written, new Notifications())))
        .endorsements());

    assertThat(back.endorsers(one)).containsExactly("ann");
    assertThat(back.times(one)).containsExactly(10);
    assertThat(back.endorsers(many)).containsExactly("bob", "cid", "ann");
    assertThat(back.times(many)).containsExactly(20, 30, 40);
    assertThat(back.endorsers(many)[2]).isSameAs(back.endorsers(one)[0]);
    assertThat(back.posts()).isEqualTo(2);
  }

  private static void endorse(Endorsements e, long post, String who, long at) {
    e.on(new PostEndorsed(PostIds.format(post), "author", new String(who), Instant.ofEpochMilli(at)));
  }

  @Test
  void idLists_comeBackValueForValue_fromAnyStartToAnyEnd() throws Exception {
    // ids ascend by small steps; extremes make the differences wrap, which must still read back exactly
    long[][] cases = {{}, {386929739643748352L}, {386929719297179648L, 386929729594195968L, 386929729594195969L},
        {Long.MIN_VALUE, -1, 0, 7, Long.MAX_VALUE}};
    for (long[] values : cases) {
      LongList written = new LongList();
      for (long v : values) written.insertSorted(v);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      CompactWriter w = new CompactWriter(out);
      written.writeTo(w);
      w.flush();
      LongList back = LongList.readFrom(new CompactReader(new ByteArrayInputStream(out.toByteArray())));
      assertThat(back.toArray()).containsExactly(values);
      back.insertSorted(3); // and it grows as any list does
      assertThat(back.size()).isEqualTo(values.length + (written.contains(3) ? 0 : 1));
    }
  }

  @Test
  void theModelsBulk_threadsTimelinesQuestionsExpertsAndHours_comesBackWhole_andACutSectionIsRefused() {
    ReadModel written = new ReadModel(800, 2_000, true);
    PostIds ids = new PostIds(1);
    long at = Instant.parse("2026-11-02T09:00:00Z").toEpochMilli();
    long position = 0;
    String question = PostIds.format(ids.next(at));
    written.applyDecoded(new PostPublished(question, "ann", "who knows #kafka?", null, question, List.of("kafka"), List.of(), List.of(),
        Instant.ofEpochMilli(at), null, "question"), ++position, null);
    for (int i = 0; i < 5; i++) {
      String answer = PostIds.format(ids.next(at + 1 + i));
      written.applyDecoded(new PostPublished(answer, "bob" + i, "I do #kafka", question, question, List.of("kafka"), List.of(), List.of(),
          Instant.ofEpochMilli(at + 1 + i), null, null), ++position, null);
      written.applyDecoded(new PostEndorsed(answer, "bob" + i, "ann", Instant.ofEpochMilli(at + 100 + i)), ++position, null);
    }
    written.applyDecoded(new no.deling.groups.GroupEvent.GroupCreated("g1", "Team", "", List.of(), "private", "cid",
        Instant.ofEpochMilli(at)), ++position, null);
    String inGroup = PostIds.format(ids.next(at + HOUR_MS));
    written.applyDecoded(new PostPublished(inGroup, "cid", "for the team #plans", null, inGroup, List.of("plans"), List.of(), List.of(),
        Instant.ofEpochMilli(at + HOUR_MS), "g1", null), ++position, null);
    written.applyDecoded(new no.deling.posts.PostEvent.PostDeleted(question, "ann", Instant.ofEpochMilli(at + 2 * HOUR_MS)), ++position, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ModelsSection.write(written.state(), out);
    byte[] section = out.toByteArray();

    ModelState back = ModelState.empty(800, 2_000, true);
    ModelsSection.read(back, new ByteArrayInputStream(section));
    // the fields the section holds (the rest of each model is Kryo's, and refers to other models)
    java.util.Map<Class<?>, List<String>> fields = java.util.Map.of(PostIndex.class, List.of("threads"),
        no.deling.timelines.Timelines.class, List.of("byAuthor", "byTopic", "byGroup", "privateByAuthor", "deletedByAuthor"),
        no.deling.questions.Questions.class, List.of("byId", "order"), no.deling.experts.ExpertIndex.class, List.of("byTopic"),
        no.deling.pulse.ActivityLog.class, List.of("hours", "first"));
    assertThat(back.compactStates()).hasSize(fields.size());
    for (int i = 0; i < back.compactStates().size(); i++) {
      Object model = written.state().compactStates().get(i);
      for (String name : fields.get(model.getClass())) {
        String before = StateDump.of(field(model, name));
        assertThat(before).as("%s.%s", model.getClass().getSimpleName(), name).isNotIn("{}", "LongList[]");
        assertThat(StateDump.of(field(back.compactStates().get(i), name))).as("%s.%s", model.getClass().getSimpleName(), name)
            .isEqualTo(before);
      }
    }
    assertEveryCutRefused(section, in -> {
      ModelsSection.read(ModelState.empty(800, 2_000, true), in);
      return null;
    });
  }

  private static final long HOUR_MS = 3_600_000L;

  private static Object field(Object model, String name) {
    try {
      java.lang.reflect.Field f = model.getClass().getDeclaredField(name);
      f.setAccessible(true);
      return f.get(model);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The section cut after its first byte, in its middle and before its last: each read fails, none gives fewer records. */
  private static void assertEveryCutRefused(byte[] whole, java.util.function.Function<java.io.InputStream, ?> reader) {
    for (int cut : new int[] {1, whole.length / 2, whole.length - 1}) {
      assertThatThrownBy(() -> reader.apply(new ByteArrayInputStream(java.util.Arrays.copyOf(whole, cut))))
          .as("cut at %d of %d bytes", cut, whole.length)
          .isInstanceOf(java.io.UncheckedIOException.class);
    }
  }

    private static byte[] postsSection(Long2ObjectOpenHashMap<PostView> posts) {
    PostIndex index = new PostIndex(new Interner());
    index.restoredPosts(posts);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PostsSection.write(index, out);
    return out.toByteArray();
  }

  private static byte[] recordsSection(Links links, Endorsements endorsements, Notifications notifications) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordsSection.write(links, endorsements, notifications, out);
    return out.toByteArray();
  }

  private static Holder roundTrip(Holder h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotCodec.write(h, out);
    return (Holder) SnapshotCodec.read(new ByteArrayInputStream(out.toByteArray()));
  }
}
