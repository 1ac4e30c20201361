package no.deling.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.subtle.EllipticCurves;
import com.google.crypto.tink.subtle.EllipticCurves.CurveType;
import com.google.crypto.tink.subtle.EllipticCurves.PointFormatType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cryptography of a push: RFC 8291's message encryption, RFC 8292's signature, and the server's key pair. */
class WebPushTest {
  // RFC 8291 Appendix A: the receiving browser's keys and secret, and the message the application server sent it
  private static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
  private static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
  private static final String UA_AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
  private static final String RFC_MESSAGE = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6Tlz"
      + "AC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";
  private static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
  private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
  @TempDir Path dir;

  @Test
  void theRfcsExampleMessage_opensWithTheBrowsersSide_asATestDeviceOpensWhatTheServerSends() throws Exception {
    PushTestDevice browser = PushTestDevice.of(UA_PUBLIC, UA_PRIVATE, UA_AUTH);
    assertThat(new String(browser.decrypt(Base64.getUrlDecoder().decode(RFC_MESSAGE)), StandardCharsets.UTF_8))
        .isEqualTo("When I grow up, I want to be a watermelon");
  }

  @Test
  void whatTheServerEncrypts_onlyTheDeviceItIsForOpens() throws Exception {
    PushTestDevice phone = PushTestDevice.create(), other = PushTestDevice.create();
    PushDecider.Device device = new PushDecider.Device("d1", "https://fcm.googleapis.com/fcm/send/x", phone.p256dh(), phone.auth(), null, null, Instant.EPOCH);
    byte[] plain = "{\"title\":\"Bob mentioned you\"}".getBytes(StandardCharsets.UTF_8);
    byte[] body = WebPushSender.encrypt(device, plain);
    assertThat(phone.decrypt(body)).isEqualTo(plain);
    // RFC 8188's header: a 16-byte salt, the record size, the sender's one-time 65-byte key
    assertThat(java.nio.ByteBuffer.wrap(body, 16, 4).getInt()).isEqualTo(4096);
    assertThat(body[20]).isEqualTo((byte) 65);
    assertThat(WebPushSender.encrypt(device, plain)).as("a new salt and key each time").isNotEqualTo(body);
    assertThatThrownBy(() -> other.decrypt(body)).isInstanceOf(GeneralSecurityException.class);
    byte[] tampered = body.clone();
    tampered[tampered.length - 1] ^= 1;
    assertThatThrownBy(() -> phone.decrypt(tampered)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void eachPushIsSignedForItsPushServicesOrigin_withTheServersKey_asRfc8292Says() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      WebPushKeys keys = WebPushKeys.of(AS_PUBLIC, AS_PRIVATE);
      WebPushSender sender = new WebPushSender(vertx, keys, "mailto:ops@example.org");
      String header = sender.authorization("https://fcm.googleapis.com/fcm/send/abc:def");
      assertThat(header).matches("vapid t=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+, k=" + AS_PUBLIC);
      String jwt = header.substring("vapid t=".length(), header.indexOf(','));
      String[] parts = jwt.split("\\.");
      JsonObject head = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
      JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      assertThat(head.getString("alg")).isEqualTo("ES256");
      assertThat(claims.getString("aud")).isEqualTo("https://fcm.googleapis.com");
      assertThat(claims.getString("sub")).isEqualTo("mailto:ops@example.org");
      long now = System.currentTimeMillis() / 1000;
      assertThat(claims.getLong("exp")).as("at most a day ahead").isBetween(now + 3600, now + 86_400);
      // a push service checks the signature with the key in k: the JDK's own ECDSA, in JOSE's r||s form
      ECPublicKey k = EllipticCurves.getEcPublicKey(CurveType.NIST_P256, PointFormatType.UNCOMPRESSED, Base64.getUrlDecoder().decode(AS_PUBLIC));
      Signature verify = Signature.getInstance("SHA256withECDSAinP1363Format");
      verify.initVerify(k);
      verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      assertThat(verify.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
      assertThat(sender.authorization("https://fcm.googleapis.com/fcm/send/other")).as("one signature per origin, reused").isEqualTo(header);
      assertThat(sender.authorization("https://updates.push.services.mozilla.com/wpush/v2/x")).contains(", k=" + AS_PUBLIC).isNotEqualTo(header);
      sender.close();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void theServersKeyPair_isGivenWhole_orMadeOnceAndKeptForItsOwnerAlone() throws Exception {
    WebPushKeys given = WebPushKeys.of(AS_PUBLIC, AS_PRIVATE);
    assertThat(given.publicBase64()).isEqualTo(AS_PUBLIC);
    assertThat(given.privateBase64()).isEqualTo(AS_PRIVATE);
    assertThatThrownBy(() -> WebPushKeys.of(UA_PUBLIC, AS_PRIVATE)).as("halves of two pairs").isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> WebPushKeys.of("not a key", AS_PRIVATE)).isInstanceOf(GeneralSecurityException.class);

    Path file = dir.resolve("data").resolve("push-keys.json");
    WebPushKeys made = WebPushKeys.inFile(file);
    assertThat(WebPushKeys.inFile(file).publicBase64()).as("the same pair after a restart").isEqualTo(made.publicBase64());
    assertThat(WebPushKeys.of(made.publicBase64(), made.privateBase64()).publicBase64()).isEqualTo(made.publicBase64());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(WebPushKeys.isPublicKey(made.publicBase64())).isTrue();
    assertThat(WebPushKeys.isPublicKey(made.privateBase64())).isFalse();
  }

  @Test
  void devicesAreReachedOnlyThroughThePushServicesAllowed() {
    PushServices services = PushServices.parse(PushServices.DEFAULT);
    assertThat(services.allows("https://fcm.googleapis.com/fcm/send/cXk:APA91b")).isTrue();
    assertThat(services.allows("https://updates.push.services.mozilla.com/wpush/v2/gAAAA")).isTrue();
    assertThat(services.allows("https://web.push.apple.com/QGuQyavXutnMH6Ig2uYOJDwA")).isTrue();
    assertThat(services.allows("https://wns2-db5p.notify.windows.com/w/?token=BQYAAA")).isTrue();
    assertThat(services.allows("http://fcm.googleapis.com/fcm/send/x")).as("not https").isFalse();
    assertThat(services.allows("https://fcm.googleapis.com.evil.example/x")).isFalse();
    assertThat(services.allows("https://evil.example/fcm.googleapis.com")).isFalse();
    assertThat(services.allows("https://fcm.googleapis.com@10.0.0.1/x")).as("user info").isFalse();
    assertThat(services.allows("https://fcm.googleapis.com:8443/x")).as("another port").isFalse();
    assertThat(services.allows("https://notify.windows.com/x")).as("*. means a subdomain").isFalse();
    assertThat(services.allows("https://localhost:8080/api/admin")).isFalse();
    assertThat(services.allows("/relative")).isFalse();
    assertThat(services.allows("not a uri at all")).isFalse();
    assertThat(PushServices.parse("http://127.0.0.1:9999").allows("http://127.0.0.1:9999/push/1")).isTrue();
    assertThatThrownBy(() -> PushServices.parse("fcm.googleapis.com")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DELING_PUSH_SERVICES");
  }
}
