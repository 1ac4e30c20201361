package no.deling.core.collections;

import it.unimi.dsi.fastutil.Hash;
import it.unimi.dsi.fastutil.objects.ObjectOpenCustomHashSet;

/**
 * One shared instance per distinct user id and tag across all read models: ids repeat in every
 * event, and without this each would be its own String on the heap. Projection thread only.
 *
 * <p>Ids can also be interned straight from a JSON parser's character buffer, so that replaying
 * the log does not allocate a String for an id it has already seen (nearly every id, every event).
 */
public final class Interner {
  /** Content equality across Strings and the probe; hashes agree with {@link String#hashCode()}. */
  private static final Hash.Strategy<CharSequence> BY_CONTENT = new Hash.Strategy<>() {
    @Override
    public int hashCode(CharSequence s) {
      if (s == null) return 0;
      if (s instanceof String string) return string.hashCode(); // cached in the String
      int h = 0;
      for (int i = 0, n = s.length(); i < n; i++) h = 31 * h + s.charAt(i);
      return h;
    }

    @Override
    public boolean equals(CharSequence a, CharSequence b) {
      if (a == b) return true;
      if (a == null || b == null || a.length() != b.length()) return false;
      return a instanceof String s ? s.contentEquals(b) : ((String) b).contentEquals(a);
    }
  };

  private final ObjectOpenCustomHashSet<CharSequence> values = new ObjectOpenCustomHashSet<>(BY_CONTENT);
  private final Slice probe = new Slice();

  public String intern(String s) {
    if (s == null) return null;
    return (String) values.addOrGet(s);
  }

  /** The interned String with the content {@code chars[offset, offset + length)}. */
  public String intern(char[] chars, int offset, int length) {
    probe.set(chars, offset, length);
    String known = (String) values.get(probe);
    probe.set(null, 0, 0); // never keep a parser's buffer reachable
    if (known != null) return known;
    String s = new String(chars, offset, length);
    values.add(s);
    return s;
  }

  public int size() {
    return values.size();
  }



  /** A window on a char buffer, only ever used as a lookup key. */
  private static final class Slice implements CharSequence {
    private char[] chars;
    private int offset;
    private int length;

    void set(char[] chars, int offset, int length) {
      this.chars = chars;
      this.offset = offset;
      this.length = length;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      return chars[offset + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new String(chars, offset + start, end - start);
    }

    @Override
    public String toString() {
      return new String(chars, offset, length);
    }
  }
}
