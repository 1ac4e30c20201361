package no.deling.readmodel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import no.deling.core.collections.Interner;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
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
      v.text = "post " + id;
      posts.put(id, v);
    }
    PostIndex index = new PostIndex(new Interner());
    index.restoredPosts(posts);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotCodec.writePosts(index, out);

    Long2ObjectOpenHashMap<PostView> back = SnapshotCodec.readPosts(new ByteArrayInputStream(out.toByteArray()));

    assertThat(back).hasSize(3);
    assertThat(back.get(3).text).isEqualTo("post 3");
    assertThat(back.get(1).author).isEqualTo("alice").isSameAs(back.get(2).author).isSameAs(back.get(3).author);
    assertThat(back.get(1).kind).isEqualTo("question").isSameAs(back.get(3).kind);
  }

  private static Holder roundTrip(Holder h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotCodec.write(h, out);
    return (Holder) SnapshotCodec.read(new ByteArrayInputStream(out.toByteArray()));
  }
}
