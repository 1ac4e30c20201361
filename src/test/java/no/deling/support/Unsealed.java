package no.deling.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;
import no.deling.core.eventstore.RecordedEvent;
import no.deling.privacy.sealing.KeyStore;
import no.deling.privacy.sealing.Sealer;
import no.deling.privacy.sealing.SqliteKeyStore;

/** Events read raw from a log (by a test, bypassing the server), opened with the server's key file. */
public final class Unsealed {
  private Unsealed() {}

  /**
   * Each event with its sealed body opened; fails for a sealed body whose key is missing, unless
   * its person was erased (reads as {@link Sealer#ERASED_TYPE}, as the server reads it): the server
   * stores a key durably before it seals anything with it, so even a crash never leaves one.
   */
  public static List<RecordedEvent> open(List<RecordedEvent> raw, Path keyFile) {
    List<RecordedEvent> out = new ArrayList<>(raw.size());
    java.util.Set<String> erased = new java.util.HashSet<>();
    for (RecordedEvent e : raw) {
      if (e.type().equals("PersonErased.v1")) erased.add(new io.vertx.core.json.JsonObject(new String(e.data(), java.nio.charset.StandardCharsets.UTF_8)).getString("userId"));
    }
    try (KeyStore keys = SqliteKeyStore.open(keyFile)) {
      for (RecordedEvent e : raw) {
        Sealer.Envelope envelope = Sealer.envelope(e.data());
        if (envelope == null) {
          out.add(e);
          continue;
        }
        SecretKey key = keys.key(envelope.target().subject(), envelope.target().period());
        if (key == null && erased.contains(envelope.target().subject())) {
          out.add(new RecordedEvent(e.stream(), e.revision(), e.position(), e.eventId(), Sealer.ERASED_TYPE, Sealer.ERASED_BODY, e.metadata(), e.created()));
          continue;
        }
        if (key == null) throw new AssertionError("position " + e.position() + ": sealed for " + envelope.target() + " with no key");
        byte[] plain = Sealer.open(e.type(), envelope, key);
        if (plain == null) throw new AssertionError("position " + e.position() + ": does not open with its key");
        out.add(new RecordedEvent(e.stream(), e.revision(), e.position(), e.eventId(), e.type(), plain, e.metadata(), e.created()));
      }
    }
    return out;
  }
}
