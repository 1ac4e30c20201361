package no.deling.core.state;

import java.io.IOException;

/**
 * A read model that writes its bulk to a snapshot itself, field by field, instead of through
 * Kryo's general reader: numbers and strings with no class names or references, read back by code
 * the JIT compiles once for its one shape. The model's other fields still go through Kryo, which
 * makes the object (without running its constructor) before {@link #readState} fills the rest.
 */
public interface CompactState {
  /** Writes the state the snapshot's Kryo section leaves out. */
  void writeState(StateWriter out);

  /** Reads back, in the same order, what {@link #writeState} wrote. */
  void readState(StateReader in) throws IOException;
}
