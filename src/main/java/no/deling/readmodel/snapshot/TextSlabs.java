package no.deling.readmodel.snapshot;

import java.io.IOException;

/**
 * Where the posts a snapshot reads back keep their texts: one after another in arrays of 8 MiB,
 * thousands of texts to an array, instead of an array each. A restart on ten million events read
 * back 5.3 million texts, and as arrays of their own they were millions of objects that every
 * young collection of the restart copied into the old generation. An array this large is
 * "humongous" to G1 (at least half a region, and regions are 4 MiB on a heap of a few gigabytes):
 * it is made in the old generation and never copied. A post's text keeps its bytes for as long as
 * it is the post's text; an edit or a delete overwrites them with zeros (see {@code PostView}), and
 * the space is not reused before the next start.
 */
final class TextSlabs {
  /** Two 4 MiB regions, less the array's header, so that the array fills them exactly. */
  static final int SLAB = (8 << 20) - 16;
  /** A text longer than this gets an array of its own rather than leaving much of a slab empty. */
  private static final int OWN_ARRAY_OVER = SLAB / 64;

  private byte[] slab = new byte[0];
  private int used;

  /** Reads the text that follows into a slab and gives it to {@code post}; a null text leaves the post without one. */
  void readText(CompactReader r, no.deling.posts.PostView post) throws IOException {
    int length = r.textLength();
    if (length < 0) return;
    if (length > OWN_ARRAY_OVER) {
      byte[] own = new byte[length];
      r.textInto(own, 0, length);
      post.restoreText(own, 0, length);
      return;
    }
    if (length > slab.length - used) {
      slab = new byte[SLAB];
      used = 0;
    }
    r.textInto(slab, used, length);
    post.restoreText(slab, used, length);
    used += length;
  }
}
