package no.deling.readmodel.snapshot;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a snapshot section in our own compact format (see {@link CompactReader}, which reads it
 * back): numbers as unsigned LEB128; strings and string arrays through a table each, so a string
 * or a set of tags is written once and then as its number; texts as their UTF-8 bytes.
 */
final class CompactWriter implements no.deling.core.state.StateWriter {
  /** String and array references: 0 null, then 1 a new entry, then the table's entries from {@code TABLE}. */
  static final int NULL = 0;
  static final int NEW = 1;
  static final int EMPTY = 2;
  static final int NEW_UNSHARED = 3;
  static final int TABLE = 4;

  private final OutputStream out;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private final Object2IntOpenHashMap<String> strings = new Object2IntOpenHashMap<>();
  private final Object2IntOpenHashMap<List<String>> arrays = new Object2IntOpenHashMap<>();

  CompactWriter(OutputStream out) {
    this.out = out;
    strings.defaultReturnValue(-1);
    arrays.defaultReturnValue(-1);
  }

  @Override
  public void number(long v) {
    varLong(v);
  }

  /** A string through the table: every later equal string is read back as the same instance. */
  @Override
  public void string(String s) {
    if (s == null) {
      varLong(NULL);
      return;
    }
    if (writtenBefore(strings, s)) return;
    varLong(NEW);
    bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code key}'s number if the table has it; else gives it the next one and returns false. */
  private <K> boolean writtenBefore(Object2IntOpenHashMap<K> table, K key) {
    int known = table.getInt(key);
    if (known >= 0) {
      varLong(TABLE + known);
      return true;
    }
    table.put(key, table.size());
    return false;
  }

  /** A text of its own (no table): null or its bytes. */
  void text(String s) {
    text(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  /** UTF-8 bytes, or null. */
  void text(byte[] utf8) {
    if (utf8 == null) varLong(0);
    else text(utf8, 0, utf8.length);
  }

  /** {@code length} UTF-8 bytes of {@code array} from {@code from}; null when the array is. */
  void text(byte[] array, int from, int length) {
    if (array == null) {
      varLong(0);
      return;
    }
    varLong(1);
    bytes(array, from, length);
  }

  /** {@code length} bytes of {@code array} from {@code from}, preceded by how many (never null). */
  void block(byte[] array, int from, int length) {
    bytes(array, from, length);
  }

  /** Arrays up to {@code sharedUpTo} long are written once and then as their number. */
  void array(String[] a, int sharedUpTo) {
    if (a == null) {
      varLong(NULL);
      return;
    }
    if (a.length == 0) {
      varLong(EMPTY);
      return;
    }
    if (a.length > sharedUpTo) {
      varLong(NEW_UNSHARED);
    } else {
      if (writtenBefore(arrays, Arrays.asList(a))) return;
      varLong(NEW);
    }
    varLong(a.length);
    for (String s : a) string(s);
  }

  /** An array of texts of their own (no table): null, or how many and each one. */
  void texts(String[] a) {
    if (a == null) {
      varLong(0);
      return;
    }
    varLong(a.length + 1L);
    for (String s : a) text(s);
  }

  /** A list of strings, shared as arrays are (read back unmodifiable). */
  void list(List<String> l, int sharedUpTo) {
    array(l == null ? null : l.toArray(new String[0]), sharedUpTo);
  }

  private void bytes(byte[] b) {
    bytes(b, 0, b.length);
  }

  private void bytes(byte[] b, int from, int length) {
    varLong(length);
    if (length > buf.length - pos) {
      flush();
      if (length > buf.length) {
        write(b, from, length);
        return;
      }
    }
    System.arraycopy(b, from, buf, pos, length);
    pos += length;
  }

  void varLong(long v) {
    if (buf.length - pos < 10) flush();
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  void flush() {
    write(buf, 0, pos);
    pos = 0;
  }

  private void write(byte[] b, int from, int n) {
    try {
      out.write(b, from, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
