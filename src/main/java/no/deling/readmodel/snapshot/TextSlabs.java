package no.deling.readmodel.snapshot;

import java.io.IOException;

/**
 * Where the posts a snapshot reads back keep their texts: one after another in arrays of up to 8 MiB,
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
  /**
   * A text longer than this gets an array of its own rather than leaving much of a slab empty (a
   * post's text is at most 2,000 characters, 8,000 bytes: none does today).
   */
  private static final int OWN_ARRAY_OVER = (64 << 10) / 4;

  /**
   * The first slabs are small, so that a new slab is made every few hundred posts while the JIT
   * profiles the reading loop. Made first only after some 60,000 posts, the branch had never been
   * taken in its profile: C2 compiled it away, and the first new slab threw the compiled loop out
   * (the posts, a restart's slowest section, then went on in slower code until compiled again).
   */
  private static final int SMALL_SLAB = 64 << 10;
  /** About 125,000 posts' texts, past where the JIT compiles the loop. */
  private static final int SMALL_SLABS = 256;

  private byte[] slab = new byte[0];
  private int used;
  private int slabsMade;

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
      // SMALL_SLABS of 64 KiB, then SLAB: chosen without a branch, which would be one more the JIT
      // could compile away (and throw the loop's code out at the first large slab). Sizes between
      // would waste up to half of their regions (a humongous array takes whole ones).
      slab = new byte[Math.min(SLAB, SMALL_SLAB << (Math.min(SMALL_SLABS, slabsMade++) / SMALL_SLABS * 7))];
      used = 0;
    }
    r.textInto(slab, used, length);
    post.restoreText(slab, used, length);
    used += length;
  }
}
