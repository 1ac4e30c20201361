package no.deling.core.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses bodies that are not valid UTF-8 (except a file's, sent as {@code application/octet-stream}). Without this, decoding would silently replace bad bytes
 * with U+FFFD and store text the client never sent.
 */
public final class Utf8BodyCheck implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext rc) {
    String type = rc.request().getHeader("Content-Type");
    if (type != null && type.startsWith(Uploads.MEDIA_TYPE)) {
      rc.next(); // a file's bytes, not text
      return;
    }
    Buffer body = rc.body() == null ? null : rc.body().buffer();
    if (body != null && body.length() > 0 && !valid(body.getBytes())) {
      Problems.invalid(rc, "body", "utf-8", "the request body is not valid UTF-8");
      return;
    }
    rc.next();
  }

  /** Per thread, a strict decoder and where it decodes to; what it decodes is thrown away, only its verdict counts. */
  private static final class Decoding {
    final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    final CharBuffer out = CharBuffer.allocate(4096);
  }

  private static final ThreadLocal<Decoding> DECODING = ThreadLocal.withInitial(Decoding::new);

  /** Whether the bytes are UTF-8, decoded a piece at a time into the same buffer (a decoded copy of every body was a percent of what a post allocated). */
  public static boolean valid(byte[] bytes) {
    int ascii = 0;
    while (ascii < bytes.length && bytes[ascii] >= 0) ascii++;
    if (ascii == bytes.length) return true;
    Decoding d = DECODING.get();
    CharsetDecoder decoder = d.decoder.reset();
    CharBuffer out = d.out;
    ByteBuffer in = ByteBuffer.wrap(bytes, ascii, bytes.length - ascii);
    CoderResult r;
    do {
      out.clear();
      r = decoder.decode(in, out, true);
      if (r.isError()) return false;
    } while (r.isOverflow());
    do {
      out.clear();
      r = decoder.flush(out);
      if (r.isError()) return false;
    } while (r.isOverflow());
    return true;
  }
}
