package no.deling.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration: ISO-8601 instants, records without annotations. */
public final class Json {
  private Json() {}

  public static final ObjectMapper MAPPER =
      // characters beyond the 16-bit range (emoji) as UTF-8, as Vert.x writes them, not as two escaped halves
      new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
              .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build())
          .registerModule(new JavaTimeModule())
          .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("deling-fast-instants")
              .addDeserializer(java.time.Instant.class, new FastInstantDeserializer()))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          // Old readers must tolerate fields added by newer writers of the same event version.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /**
   * An ISO-8601 instant read exactly as {@link #MAPPER} reads one from a JSON string: the shape we
   * write by plain arithmetic, anything else by {@link java.time.Instant#parse}.
   *
   * @throws java.time.format.DateTimeParseException when the text is no instant
   */
  public static java.time.Instant instant(String text) {
    java.time.Instant fast = FastInstantDeserializer.parse(text);
    return fast != null ? fast : java.time.Instant.parse(text);
  }
}
