package no.deling.core.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses bodies that are not valid UTF-8. Without this, decoding would silently replace bad bytes
 * with U+FFFD and store text the client never sent.
 */
public final class Utf8BodyCheck implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext rc) {
    Buffer body = rc.body() == null ? null : rc.body().buffer();
    if (body != null && body.length() > 0 && !valid(body.getBytes())) {
      Problems.invalid(rc, "body", "utf-8", "the request body is not valid UTF-8");
      return;
    }
    rc.next();
  }

  static boolean valid(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
