package no.deling.push;

import com.google.crypto.tink.apps.webpush.WebPushHybridEncrypt;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends one message to one device through its push service: the message encrypted for the device
 * alone (RFC 8291, aes128gcm, with Google's Tink), the request signed with the server's VAPID key
 * (RFC 8292, an ES256 JWT for the push service's origin). The push service sees who it is for,
 * never what it says.
 */
public final class WebPushSender {
  /** What the push service answered. */
  public enum Outcome { SENT, GONE, REFUSED, FAILED }

  /** The push service's answer: its status and, for a 429 or 503, when to come back ({@code Retry-After}, or null). */
  public record Answer(int status, String retryAfter) {
    public Outcome outcome() {
      if (status >= 200 && status < 300) return Outcome.SENT;
      if (status == 404 || status == 410) return Outcome.GONE;
      // our credentials refused for this device: made with another key of ours (RFC 8292), or the service will not take them
      return status == 401 || status == 403 ? Outcome.REFUSED : Outcome.FAILED;
    }
  }

  /** A day: a phone off for longer gets nothing stale when it comes back. */
  static final int TTL_SECONDS = 86_400;
  /** A signature is good for 12 hours (RFC 8292 allows 24); made again after 6. */
  private static final long JWT_VALID_S = 12 * 3600, JWT_RENEW_MS = 6 * 3_600_000L;
  private final Vertx vertx;
  private final WebClient client;
  private final JWTAuth signer;
  private final WebPushKeys keys;
  private final String subject;
  private final Map<String, Signed> signatures = new ConcurrentHashMap<>();

  private record Signed(String header, long madeAt) {}

  public WebPushSender(Vertx vertx, WebPushKeys keys, String subject) {
    this.vertx = vertx;
    this.keys = keys;
    this.subject = subject;
    // 32 connections per push service (the default 5 let one slow service queue everyone's pushes behind it)
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(10_000).setIdleTimeout(60).setUserAgent("Deling")
        .setFollowRedirects(false), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
    this.signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(keys.privatePem())));
  }

  /**
   * Pushes {@code message} to the device, once; fails when no answer came. Encrypting costs an elliptic-curve key agreement, so it is
   * done on a worker thread, never on the event loop.
   *
   * @param topic replaces an earlier message with the same topic the device has not received yet
   */
  public Future<Answer> send(PushDecider.Device device, JsonObject message, String topic, boolean urgent) {
    return vertx.executeBlocking(() -> encrypt(device, message.toBuffer().getBytes()), false).compose(body -> {
      HttpRequest<Buffer> request = client.postAbs(device.endpoint()).timeout(10_000)
          .putHeader("TTL", Integer.toString(TTL_SECONDS)).putHeader("Urgency", urgent ? "high" : "normal").putHeader("Topic", topic)
          .putHeader("Content-Type", "application/octet-stream").putHeader("Content-Encoding", "aes128gcm")
          .putHeader("Authorization", authorization(device.endpoint()));
      return request.sendBuffer(Buffer.buffer(body));
    }).map(response -> new Answer(response.statusCode(), response.getHeader("Retry-After")));
  }

  /** The message as only {@code device} opens it: RFC 8188's header (salt, record size, our one-time key), then one record. */
  public static byte[] encrypt(PushDecider.Device device, byte[] plain) throws java.security.GeneralSecurityException {
    return new WebPushHybridEncrypt.Builder().withAuthSecret(Base64.getUrlDecoder().decode(device.auth()))
        .withRecipientPublicKey(Base64.getUrlDecoder().decode(device.p256dh())).build().encrypt(plain, null);
  }

  /** {@code vapid t=<JWT for the endpoint's origin>, k=<our public key>} (RFC 8292 section 3). */
  String authorization(String endpoint) {
    String audience = no.deling.core.http.Origins.of(endpoint);
    long now = System.currentTimeMillis();
    Signed signed = signatures.get(audience);
    if (signed == null || now - signed.madeAt() > JWT_RENEW_MS) {
      String jwt = signer.generateToken(new JsonObject().put("aud", audience).put("sub", subject),
          new JWTOptions().setAlgorithm("ES256").setExpiresInSeconds((int) JWT_VALID_S).setNoTimestamp(true));
      signed = new Signed("vapid t=" + jwt + ", k=" + keys.publicBase64(), now);
      signatures.put(audience, signed);
    }
    return signed.header();
  }

  public void close() {
    client.close();
  }
}
