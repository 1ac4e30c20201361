package no.deling.core.http;

import io.vertx.core.buffer.Buffer;
import java.io.OutputStream;

/** An OutputStream that appends to a Vert.x buffer, so JSON is written straight into a response. */
public final class BufferSink extends OutputStream {
  private final Buffer buffer;

  public BufferSink(Buffer buffer) {
    this.buffer = buffer;
  }

  @Override
  public void write(int b) {
    buffer.appendByte((byte) b);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    buffer.appendBytes(b, off, len);
  }
}
