package no.deling.readmodel.snapshot;

import static no.deling.readmodel.snapshot.CompactWriter.EMPTY;
import static no.deling.readmodel.snapshot.CompactWriter.NEW;
import static no.deling.readmodel.snapshot.CompactWriter.NEW_UNSHARED;
import static no.deling.readmodel.snapshot.CompactWriter.NULL;
import static no.deling.readmodel.snapshot.CompactWriter.TABLE;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;

/** Reads what a {@link CompactWriter} wrote; a section cut short or damaged fails with an {@link IOException}. */
final class CompactReader implements no.deling.core.state.StateReader {
  private static final String[] NONE = new String[0];

  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private final ArrayList<String> strings = new ArrayList<>();
  private final ArrayList<String[]> arrays = new ArrayList<>();
  /** Arrays read as lists, by identity: a shared array gives one shared list. */
  private final IdentityHashMap<String[], List<String>> lists = new IdentityHashMap<>();

  CompactReader(InputStream in) {
    this.in = in;
  }

  @Override
  public long number() throws IOException {
    return varLong();
  }

  @Override
  public String string() throws IOException {
    int ref = (int) varLong();
    if (ref == NULL) return null;
    if (ref >= TABLE) {
      if (ref - TABLE >= strings.size()) throw new IOException("damaged section: string reference " + ref);
      return strings.get(ref - TABLE);
    }
    if (ref != NEW) throw new IOException("damaged section: string reference " + ref);
    String s = utf8();
    strings.add(s);
    return s;
  }

  String[] array() throws IOException {
    int ref = (int) varLong();
    switch (ref) {
      case NULL:
        return null;
      case EMPTY:
        return NONE;
      case NEW:
      case NEW_UNSHARED:
        String[] a = new String[(int) varLong()];
        for (int i = 0; i < a.length; i++) a[i] = string();
        if (ref == NEW) arrays.add(a);
        return a;
      default:
        if (ref - TABLE >= arrays.size()) throw new IOException("damaged section: array reference " + ref);
        return arrays.get(ref - TABLE);
    }
  }

  /** An array written by {@link CompactWriter#texts}: null, or texts of their own (an empty one is shared). */
  String[] texts() throws IOException {
    long n = varLong() - 1;
    if (n < 0) return null;
    if (n == 0) return NONE;
    if (n > Integer.MAX_VALUE - 16) throw new IOException("damaged section: " + n + " texts");
    String[] a = new String[(int) n];
    for (int i = 0; i < a.length; i++) a[i] = text();
    return a;
  }

  /** A list written by {@link CompactWriter#list}: unmodifiable, and one instance for one shared array. */
  List<String> list() throws IOException {
    String[] a = array();
    if (a == null) return null;
    if (a.length == 0) return List.of();
    return lists.computeIfAbsent(a, k -> Collections.unmodifiableList(Arrays.asList(k)));
  }

  /** A text written by {@link CompactWriter#text}, or null. */
  String text() throws IOException {
    return varLong() == 0 ? null : utf8();
  }

  /**
   * How long the text that follows is ({@link CompactWriter#text}), or -1 for null; its bytes are
   * then in the buffer for {@link #textInto}, which must come next.
   */
  int textLength() throws IOException {
    return varLong() == 0 ? -1 : buffered();
  }

  /** How long the block that follows is ({@link CompactWriter#block}); its bytes are then in the buffer for {@link #textInto}. */
  int blockLength() throws IOException {
    return buffered();
  }

  /** Copies the text {@link #textLength} (or the block {@link #blockLength}) into {@code to} at {@code at}. */
  void textInto(byte[] to, int at, int length) {
    System.arraycopy(buf, pos, to, at, length);
    pos += length;
  }

  private String utf8() throws IOException {
    int n = buffered();
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  /** Reads a length and makes sure that many bytes are in the buffer from {@code pos}. */
  private int buffered() throws IOException {
    long length = varLong();
    if (length < 0 || length > Integer.MAX_VALUE - 16) throw new IOException("damaged section: a text of length " + length);
    int n = (int) length;
    if (limit - pos < n) {
      if (n > buf.length) buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
      fill(n);
      if (limit - pos < n) throw new EOFException("section ends inside a text");
    }
    return n;
  }

  long varLong() throws IOException {
    if (limit - pos < 10) fill(Math.min(10, buf.length));
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos == limit) throw new EOFException("section ends inside a number");
      byte b = buf[pos++];
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) return v;
    }
    throw new IOException("damaged section: a number longer than 64 bits");
  }

  /** At least {@code n} bytes in the buffer from {@code pos}, unless the section ends first (the caller checks). */
  private void fill(int n) throws IOException {
    System.arraycopy(buf, pos, buf, 0, limit - pos);
    limit -= pos;
    pos = 0;
    while (limit < n) {
      int read = in.read(buf, limit, buf.length - limit);
      if (read < 0) return;
      limit += read;
    }
  }
}
