package no.deling.privacy.sealing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import no.deling.core.ids.PerThreadRandom;

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
  private record Rule(byte[] subjectKey, byte[] timeKey) {
    Rule(String subjectField, String timeField) {
      this(key(subjectField), timeField == null ? null : key(timeField));
    }

    /** {@code "name":"}, the bytes {@link #topLevelString} looks for. */
    private static byte[] key(String field) {
      return ("\"" + field + "\":\"").getBytes(StandardCharsets.US_ASCII);
    }

    String name(byte[] key) {
      return new String(key, 1, key.length - 4, StandardCharsets.US_ASCII);
    }
  }

  private static final Map<String, Rule> RULES = Map.ofEntries(
      Map.entry("PostPublished.v1", new Rule("author", "publishedAt")),
      Map.entry("PostEdited.v1", new Rule("author", "editedAt")),
      // a moderator's reason is about the author's words: it goes with them
      Map.entry("PostDeleted.v2", new Rule("author", "deletedAt")),
      Map.entry("PostReported.v1", new Rule("reporter", "reportedAt")),
      Map.entry("UserProfileRecorded.v1", new Rule("userId", null)),
      Map.entry("PersonProvisioned.v1", new Rule("userId", null)),
      Map.entry("PersonUpdated.v1", new Rule("userId", null)),
      Map.entry("BookmarkSaved.v1", new Rule("by", "at")),
      Map.entry("AnnouncementPublished.v1", new Rule("author", "publishedAt")),
      Map.entry("AnnouncementPublished.v2", new Rule("author", "publishedAt")),
      Map.entry("IdeaStatusSet.v1", new Rule("by", "at")),
      // what someone voted is their opinion: their month's key opens it, their erasure takes it
      Map.entry("PollVoted.v1", new Rule("voter", "at")),
      // a file's name is the uploader's words; its bytes are sealed with the same key, in the file store
      Map.entry("FileUploaded.v1", new Rule("by", "at")),
      Map.entry("FileDescribed.v1", new Rule("by", "at")),
      // why one offers to look after a topic is one's own words
      Map.entry("TopicOwnershipOffered.v1", new Rule("userId", "at")),
      // a device's push endpoint and keys reach it: they go with the person
      Map.entry("PushSubscribed.v1", new Rule("userId", null)));

  private static final byte[] PREFIX = "{\"sealed\":".getBytes(StandardCharsets.US_ASCII);
  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
  /**
   * Per thread, a cipher for each of the last keys used: AES expands its key afresh whenever a
   * cipher is given another key than last time (about a tenth of the writer's sealing when posts
   * from many people take turns), and a cipher given its own key again skips that.
   */
  private static final int CIPHERS_PER_THREAD = 256;
  private static final ThreadLocal<Map<SecretKey, Cipher>> CIPHERS = ThreadLocal.withInitial(
      () -> new java.util.LinkedHashMap<>(CIPHERS_PER_THREAD * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SecretKey, Cipher> eldest) {
          return size() > CIPHERS_PER_THREAD;
        }
      });

  private static Cipher cipherFor(SecretKey key) {
    return CIPHERS.get().computeIfAbsent(key, k -> {
      try {
        return Cipher.getInstance("AES/GCM/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES/GCM is not available", e);
      }
    });
  }

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
    String subject = topLevelString(plain, rule.subjectKey(), rule);
    if (subject == null) return null;
    if (rule.timeKey() == null) return new Target(subject, KeyStore.PROFILE);
    String time = topLevelString(plain, rule.timeKey(), rule);
    if (time == null) return null;
    String month = monthOf(time);
    if (month != null) return new Target(subject, month);
    try {
      return new Target(subject, month(Instant.parse(time)));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The {@code yyyy-MM} of an instant as {@link Instant#toString} writes it ({@code
   * 2026-12-03T10:15:30Z}, always UTC), or null for another form; parsing it was most of what
   * sealing a post cost.
   */
  static String monthOf(String iso) {
    if (iso.length() < 20 || iso.charAt(4) != '-' || iso.charAt(7) != '-' || iso.charAt(10) != 'T' || iso.charAt(iso.length() - 1) != 'Z') return null;
    for (int i : new int[] {0, 1, 2, 3, 5, 6}) if (iso.charAt(i) < '0' || iso.charAt(i) > '9') return null;
    int m = (iso.charAt(5) - '0') * 10 + (iso.charAt(6) - '0');
    return m >= 1 && m <= 12 ? iso.substring(0, 7) : null;
  }

  /**
   * A string field of the event's own object, by a scan for {@code "name":"} (every write seals,
   * and a parser per event was most of what sealing cost). Inside a JSON string every quote is
   * escaped, so the pattern only occurs as a key; our events nest no object with these names.
   * Falls back to a parser for a value with escapes.
   */
  private static String topLevelString(byte[] json, byte[] key, Rule rule) {
    outer:
    for (int i = 0; i + key.length <= json.length; i++) {
      for (int j = 0; j < key.length; j++) if (json[i + j] != key[j]) continue outer;
      int from = i + key.length;
      int to = quote(json, from);
      return to >= 0 ? new String(json, from, to - from, StandardCharsets.UTF_8) : parsedString(json, rule.name(key));
    }
    return null;
  }

  private static String parsedString(byte[] json, String name) {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_STRING && field.equals(name)) return p.getText();
        p.skipChildren();
      }
      return null;
    } catch (IOException | RuntimeException e) {
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
    PerThreadRandom.nonce(iv);
    try {
      Cipher c = cipherFor(key);
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      c.updateAAD(aad(type, t));
      byte[] sealed = c.doFinal(plain);
      // the layout asWritten reads back, written once into an array of its exact size (a stream,
      // its copy and the encoded parts were a tenth of what a post allocated); person ids and
      // periods need no escaping
      byte[] subject = t.subject().getBytes(StandardCharsets.US_ASCII);
      byte[] period = t.period().getBytes(StandardCharsets.US_ASCII);
      byte[] out = new byte[FOR.length + subject.length + PERIOD.length + period.length + IV.length + base64Length(iv.length)
          + DATA.length + base64Length(sealed.length) + END.length];
      int at = put(out, 0, FOR);
      at = put(out, at, subject);
      at = put(out, at, PERIOD);
      at = put(out, at, period);
      at = put(out, at, IV);
      at = putBase64(out, at, iv);
      at = put(out, at, DATA);
      at = putBase64(out, at, sealed);
      put(out, at, END);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not seal a " + type + " event", e);
    }
  }

  private static int base64Length(int bytes) {
    return (bytes + 2) / 3 * 4;
  }

  private static int put(byte[] out, int at, byte[] part) {
    System.arraycopy(part, 0, out, at, part.length);
    return at + part.length;
  }

  /** Per thread, where a part is Base64-encoded before it is copied into place (the encoder writes only from an array's start). */
  private static final ThreadLocal<byte[]> ENCODED = ThreadLocal.withInitial(() -> new byte[4096]);

  private static int putBase64(byte[] out, int at, byte[] part) {
    int length = base64Length(part.length);
    byte[] scratch = ENCODED.get();
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
      if (length <= 1 << 16) ENCODED.set(scratch); // an unusually large body is encoded once, not kept
    }
    int written = Base64.getEncoder().encode(part, scratch);
    System.arraycopy(scratch, 0, out, at, written);
    return at + written;
  }

  /** A sealed body's person and period (the key to ask for), or null when it is not a sealed body. */
  public static Envelope envelope(byte[] data) {
    if (!isSealed(data)) return null;
    Envelope fast = asWritten(data);
    return fast != null ? fast : parsed(data);
  }

  private static final byte[] FOR = "{\"sealed\":1,\"for\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PERIOD = "\",\"period\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] IV = "\",\"iv\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "\",\"data\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\"}".getBytes(StandardCharsets.US_ASCII);

  /**
   * The layout {@link #seal} writes, read without a JSON parser (a rebuild opens every post; the
   * parser was most of that): fields in that order, no escapes. Null for anything else.
   */
  private static Envelope asWritten(byte[] d) {
    int at = expect(d, 0, FOR);
    int end = at < 0 ? -1 : quote(d, at);
    if (end < 0) return null;
    String subject = new String(d, at, end - at, StandardCharsets.US_ASCII);
    at = expect(d, end, PERIOD);
    end = at < 0 ? -1 : quote(d, at);
    if (end < 0) return null;
    String period = new String(d, at, end - at, StandardCharsets.US_ASCII);
    at = expect(d, end, IV);
    end = at < 0 ? -1 : quote(d, at);
    if (end < 0) return null;
    int ivFrom = at, ivTo = end;
    at = expect(d, end, DATA);
    end = at < 0 ? -1 : quote(d, at);
    if (end < 0 || end + 2 != d.length || d[end + 1] != '}') return null;
    try {
      return new Envelope(new Target(subject, period), base64(d, ivFrom, ivTo), base64(d, at, end));
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  private static int expect(byte[] d, int at, byte[] literal) {
    if (at + literal.length > d.length) return -1;
    for (int i = 0; i < literal.length; i++) if (d[at + i] != literal[i]) return -1;
    return at + literal.length;
  }

  /** The index of the closing quote of a string starting at {@code at}; -1 at an escape, a control byte or the end. */
  private static int quote(byte[] d, int at) {
    for (int i = at; i < d.length; i++) {
      byte b = d[i];
      if (b == '"') return i;
      if (b == '\\' || (b >= 0 && b < 0x20)) return -1;
    }
    return -1;
  }

  private static byte[] base64(byte[] d, int from, int to) {
    java.nio.ByteBuffer decoded = Base64.getDecoder().decode(java.nio.ByteBuffer.wrap(d, from, to - from));
    byte[] out = new byte[decoded.remaining()];
    decoded.get(out);
    return out;
  }

  private static Envelope parsed(byte[] data) {
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
      if (subject == null || period == null || iv == null || body == null) return null;
      return new Envelope(new Target(subject, period), Base64.getDecoder().decode(iv), Base64.getDecoder().decode(body));
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** A sealed body, parsed: whose key, the nonce, and the ciphertext with its tag. */
  public record Envelope(Target target, byte[] iv, byte[] data) {}

  /** The plain body, or null when it does not open with this key (the key is another's, or the body was altered). */
  public static byte[] open(String type, Envelope e, SecretKey key) {
    try {
      Cipher c = cipherFor(key);
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, e.iv()));
      c.updateAAD(aad(type, e.target()));
      return c.doFinal(e.data());
    } catch (GeneralSecurityException failed) {
      return null;
    }
  }

  private static byte[] aad(String type, Target t) {
    return (type + '\n' + t.subject() + '\n' + t.period()).getBytes(StandardCharsets.UTF_8);
  }

}
