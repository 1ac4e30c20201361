package no.deling.posts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Records are packed into slabs: small ones first, then 8 MiB ones. Each run a snapshot packs ends
 * in a slab of its own, so a mostly empty last slab is cut to what it holds; without that, every
 * snapshot under a flood could leave megabytes of empty array behind for the server's life.
 */
class PackedPostsSlabsTest {
  @Test
  void aRunsLastLargeSlab_isCutToWhatItHolds_andEveryRecordStillReads() {
    PostTable.Builder table = new PostTable.Builder(PostTable.EMPTY);
    PackedPosts.Builder run = new PackedPosts.Builder(20_000);
    PostRecords.Buffer buffer = new PostRecords.Buffer();
    long recordBytes = 0;
    int posts = 17_500; // about 17.5 MB: every small slab, then one 8 MiB slab about a fifth full
    for (int i = 1; i <= posts; i++) {
      PostView v = PostView.restored(i, "alice", 0, i, i, i, null, null);
      v.setText("x".repeat(990) + i);
      PostRecords.encode(v, table, buffer);
      System.arraycopy(buffer.bytes(), 0, run.room(buffer.length()), run.recordAt(), buffer.length());
      run.added(buffer.length());
      recordBytes += buffer.length() + 2;
    }
    PackedPosts packed = run.build(table.table());

    assertThat(packed.bytesHeld()).as("no 8 MiB slab mostly empty").isLessThan(recordBytes + (1 << 20)); // each small slab may leave less than a record empty
    assertThat(packed.size()).isEqualTo(posts);
    for (int i = 1; i <= posts; i += 997) assertThat(packed.get(i).text()).isEqualTo("x".repeat(990) + i);
    assertThat(packed.get(posts).text()).isEqualTo("x".repeat(990) + posts);
  }
}
