package no.deling.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.json.JsonCodec;
import java.io.IOException;

/**
 * Vert.x's JSON codec, but writing a character beyond 16 bits (an emoji) into a buffer as its
 * UTF-8 bytes: Vert.x's own writes it there as two escaped halves ({@code \\uD83D\\uDE00}), so the
 * same post read through {@code rc.json} and through our rendered JSON looked different, and took
 * three times the bytes. Valid JSON either way; this is for the people who read it. Reading is
 * Vert.x's, unchanged. Registered in {@code META-INF/services/io.vertx.core.spi.JsonFactory}, ahead
 * of Vert.x's default.
 */
public final class VertxJsonFactory implements io.vertx.core.spi.JsonFactory {
  private static final JsonCodec CODEC = new Utf8Codec();

  @Override
  public int order() {
    return 0;
  }

  @Override
  public JsonCodec codec() {
    return CODEC;
  }

  static final class Utf8Codec extends JacksonCodec {
    private static final JsonFactory WRITER = JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    @Override
    public Buffer toBuffer(Object object, boolean pretty) throws EncodeException {
      ByteArrayBuilder out = new ByteArrayBuilder();
      try (JsonGenerator g = WRITER.createGenerator(out)) {
        if (pretty) g.useDefaultPrettyPrinter();
        encodeJson(object, g);
      } catch (IOException e) {
        throw new EncodeException(e.getMessage(), e);
      }
      return Buffer.buffer(out.toByteArray());
    }
  }
}
