package no.deling.core.state;

/**
 * Where a read model writes its bulk for a snapshot (see {@link CompactState}): numbers in as few
 * bytes as they need, and strings through a table, so that a repeated string costs its number.
 */
public interface StateWriter {
  /** A number ≥ 0. */
  void number(long v);

  /** Any number; small negative ones are small too (zigzag). */
  default void signed(long v) {
    number((v << 1) ^ (v >> 63));
  }

  /** A string or null; every later equal string is written as its number in the table. */
  void string(String s);
}
