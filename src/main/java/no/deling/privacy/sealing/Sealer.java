package no.deling.privacy.sealing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals the events that carry a person's words or profile (AES-256-GCM, with the person's key for
 * the event's month, or their profile key) and opens them again. A sealed body is {@code
 * {"sealed":1,"for","period","iv","data"}} (schema/sealed.json); the event type, the stream and
 * the metadata stay readable, so the log keeps its order and every other event its meaning. The
 * type, person and period are bound to the ciphertext: a sealed body moved elsewhere does not open.
 */
public final class Sealer {
  /** What an event whose key is gone reads as: a type nothing decodes, with an empty body. */
  public static final String ERASED_TYPE = "$erased";
  public static final byte[] ERASED_BODY = "{}".getBytes(StandardCharsets.US_ASCII);

  /** Whose data an event type holds (its field naming the person), and when (null: the profile key). */
  private record Rule(String subjectField, String timeField) {}

  private static final Map<String, Rule> RULES = Map.of(
      "PostPublished.v1", new Rule("author", "publishedAt"),
      "PostEdited.v1", new Rule("author", "editedAt"),
      "UserProfileRecorded.v1", new Rule("userId", null),
      "PersonProvisioned.v1", new Rule("userId", null),
      "PersonUpdated.v1", new Rule("userId", null),
      "BookmarkSaved.v1", new Rule("by", "at"),
      "AnnouncementPublished.v1", new Rule("author", "publishedAt"),
      "IdeaStatusSet.v1", new Rule("by", "at"));

  private static final byte[] PREFIX = "{\"sealed\":".getBytes(StandardCharsets.US_ASCII);
  private static final JsonFactory JSON = new JsonFactory();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
  private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is not available", e);
    }
  });

  /** The person and key period an event is sealed for. */
  public record Target(String subject, String period) {}

  private Sealer() {}

  /** The month key period of an instant: {@code yyyy-MM}, UTC. */
  public static String month(Instant at) {
    return MONTH.format(at);
  }

  /** Whom and which period the event is sealed for, or null for an event that is not sealed (by type, or lacking the person). */
  public static Target target(String type, byte[] plain) {
    Rule rule = RULES.get(type);
    if (rule == null) return null;
    String subject = null;
    String time = null;
    try (JsonParser p = JSON.createParser(plain)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_STRING && name.equals(rule.subjectField())) subject = p.getText();
        else if (value == JsonToken.VALUE_STRING && name.equals(rule.timeField())) time = p.getText();
        else p.skipChildren();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (subject == null) return null;
    if (rule.timeField() == null) return new Target(subject, KeyStore.PROFILE);
    try {
      return time == null ? null : new Target(subject, month(Instant.parse(time)));
    } catch (RuntimeException e) {
      return null;
    }
  }

  public static boolean isSealed(byte[] data) {
    if (data == null || data.length < PREFIX.length) return false;
    for (int i = 0; i < PREFIX.length; i++) if (data[i] != PREFIX[i]) return false;
    return true;
  }

  public static byte[] seal(String type, byte[] plain, Target t, SecretKey key) {
    byte[] iv = new byte[12];
    RANDOM.nextBytes(iv);
    try {
      Cipher c = CIPHER.get();
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      c.updateAAD(aad(type, t));
      byte[] sealed = c.doFinal(plain);
      ByteArrayOutputStream out = new ByteArrayOutputStream(sealed.length * 4 / 3 + 96);
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartObject();
        g.writeNumberField("sealed", 1);
        g.writeStringField("for", t.subject());
        g.writeStringField("period", t.period());
        g.writeStringField("iv", Base64.getEncoder().encodeToString(iv));
        g.writeStringField("data", Base64.getEncoder().encodeToString(sealed));
        g.writeEndObject();
      }
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("could not seal a " + type + " event", e);
    }
  }

  /** A sealed body's person and period (the key to ask for), or null when it is not a sealed body. */
  public static Envelope envelope(byte[] data) {
    if (!isSealed(data)) return null;
    String subject = null, period = null, iv = null, body = null;
    try (JsonParser p = JSON.createParser(data)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "for" -> subject = p.getText();
          case "period" -> period = p.getText();
          case "iv" -> iv = p.getText();
          case "data" -> body = p.getText();
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      return null;
    }
    if (subject == null || period == null || iv == null || body == null) return null;
    return new Envelope(new Target(subject, period), iv, body);
  }

  /** A sealed body, parsed. */
  public record Envelope(Target target, String iv, String data) {}

  /** The plain body, or null when it does not open with this key (the key is another's, or the body was altered). */
  public static byte[] open(String type, Envelope e, SecretKey key) {
    try {
      Cipher c = CIPHER.get();
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, Base64.getDecoder().decode(e.iv())));
      c.updateAAD(aad(type, e.target()));
      return c.doFinal(Base64.getDecoder().decode(e.data()));
    } catch (GeneralSecurityException | IllegalArgumentException failed) {
      return null;
    }
  }

  private static byte[] aad(String type, Target t) {
    return (type + '\n' + t.subject() + '\n' + t.period()).getBytes(StandardCharsets.UTF_8);
  }

}
