package no.deling.core.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import no.deling.core.ids.EventIds;
import no.deling.core.json.Json;

/**
 * Who sent a command and how to recognise a retry of it — and how that travels with its events:
 * as event metadata, and as event ids derived from the key so the store itself deduplicates a
 * retried append. The rest of idempotency lives in {@code core/idempotency}.
 *
 * @param actor the authenticated user id
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null
 */
public record CommandMeta(String actor, String idempotencyKey) {
  public static CommandMeta of(String actor) {
    return new CommandMeta(actor, null);
  }

  /** The metadata stored with each event: {@code {"actor":…,"idempotencyKey":…}}. */
  public byte[] toMetadata() {
    var node = Json.MAPPER.createObjectNode().put("actor", actor);
    if (idempotencyKey != null) node.put("idempotencyKey", idempotencyKey);
    try {
      return Json.MAPPER.writeValueAsBytes(node); // the same JSON as node.toString(), without the String between
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The id of the {@code index}-th event this command appends to {@code stream}: derived from the
   * key when there is one (a retry that decides the same events gets the same ids), else fresh.
   */
  public UUID eventId(String stream, int index) {
    return idempotencyKey == null
        ? EventIds.next()
        : UUID.nameUUIDFromBytes((actor + '\n' + idempotencyKey + '\n' + stream + '\n' + index).getBytes(StandardCharsets.UTF_8));
  }

  /** The Idempotency-Key an event's metadata carries, or null. Cheap for the many events without one. */
  public static String idempotencyKeyOf(byte[] metadata) {
    // Most events carry no key; skip the JSON parse unless the bytes can hold one.
    if (metadata.length < 20 || indexOf(metadata, KEY_BYTES) < 0) return null;
    try {
      return Json.MAPPER.readTree(metadata).path("idempotencyKey").textValue();
    } catch (IOException ex) {
      return null;
    }
  }

  private static final byte[] KEY_BYTES = "idempotencyKey".getBytes(StandardCharsets.US_ASCII);

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
