package no.deling.readmodel.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import no.deling.core.state.CompactState;
import no.deling.readmodel.ModelState;

/**
 * The section of a snapshot that holds the bulk of the models Kryo makes (the threads, the
 * author, topic and group timelines, the questions, the experts' evidence, the pulse's hours):
 * each model writes it itself ({@link CompactState}) in {@link CompactWriter}'s format, and reads
 * it back into the object Kryo made. Through Kryo's general reader these were most of the models'
 * section, and most of what the JIT compiled of Kryo at start-up.
 */
final class ModelsSection {
  private ModelsSection() {}

  static void write(ModelState state, OutputStream out) {
    CompactWriter w = new CompactWriter(out);
    for (CompactState model : state.compactStates()) model.writeState(w);
    w.flush();
  }

  /** Fills {@code state}, as Kryo read it back, with what {@link #write} wrote. */
  static void read(ModelState state, InputStream in) {
    try {
      CompactReader r = new CompactReader(in);
      for (CompactState model : state.compactStates()) model.readState(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
