package no.deling.email;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import no.deling.privacy.sealing.KeyStore;

/**
 * The one-click unsubscribe link of RFC 8058, in every email's {@code List-Unsubscribe} header: mail
 * programs show it as "Unsubscribe", and it turns off the person's email about unread notifications
 * without their logging in. Possession of the email is the proof, so the link carries a token only
 * this server makes for that person: an HMAC under a key derived from their profile key (never the
 * key itself). The key file is shared by every server on one log, so any of them takes the link;
 * and an erased person's key is gone, so is every link of theirs.
 */
public final class UnsubscribeLink {
  private UnsubscribeLink() {}

  public static final String PATH = "/email/unsubscribe";

  /** The token for {@code userId}, base64url (128 bits); null when they have no profile key (erased, or never seen). */
  public static String token(KeyStore keys, String userId) {
    SecretKey profile = keys.key(userId, KeyStore.PROFILE);
    if (profile == null) return null;
    try {
      byte[] derived = hmac(profile.getEncoded(), "deling email unsubscribe v1");
      byte[] tag = hmac(derived, userId);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(tag, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Is {@code token} the one made for {@code userId}? Compared in constant time. */
  public static boolean valid(KeyStore keys, String userId, String token) {
    if (userId == null || token == null || userId.length() > 128 || token.length() > 64) return false;
    String expected = token(keys, userId);
    return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.UTF_8));
  }

  /** The link for {@code userId} at {@code publicUrl}; null without a token. */
  public static String url(String publicUrl, KeyStore keys, String userId) {
    String token = token(keys, userId);
    return token == null ? null
        : publicUrl + PATH + "?u=" + URLEncoder.encode(userId, StandardCharsets.UTF_8) + "&t=" + token;
  }

  private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
  }
}
