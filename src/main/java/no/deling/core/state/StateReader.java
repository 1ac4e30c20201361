package no.deling.core.state;

import java.io.IOException;

/** Reads back what a {@link StateWriter} wrote; a damaged or cut section fails with an {@link IOException}. */
public interface StateReader {
  long number() throws IOException;

  default long signed() throws IOException {
    long z = number();
    return (z >>> 1) ^ -(z & 1);
  }

  /** The string, the same instance for every equal string in one section. */
  String string() throws IOException;

  /** A number about to size a collection: refused when no section could hold that many. */
  default int count() throws IOException {
    long n = number();
    if (n < 0 || n > Integer.MAX_VALUE - 16) throw new IOException("damaged section: a count of " + n);
    return (int) n;
  }
}
