package no.deling.push;

import com.google.crypto.tink.subtle.EllipticCurves;
import com.google.crypto.tink.subtle.EllipticCurves.CurveType;
import com.google.crypto.tink.subtle.EllipticCurves.PointFormatType;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;

/**
 * The server's VAPID key pair (RFC 8292): push services accept a push for a device only when it is
 * signed with the key the device subscribed with, so the pair must stay the same across restarts
 * and be shared by every server on one log. Either given ({@code DELING_PUSH_PUBLIC_KEY} and
 * {@code DELING_PUSH_PRIVATE_KEY}, base64url as {@code npx web-push generate-vapid-keys} prints
 * them), or made once and kept in a file next to the embedded log.
 */
public record WebPushKeys(ECPublicKey publicKey, ECPrivateKey privateKey, String publicBase64) {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** The pair from its base64url halves: the public key an uncompressed P-256 point, the private key its 32-byte scalar. */
  public static WebPushKeys of(String publicBase64, String privateBase64) throws GeneralSecurityException {
    byte[] pub;
    byte[] priv;
    try {
      pub = Base64.getUrlDecoder().decode(publicBase64.trim());
      priv = Base64.getUrlDecoder().decode(privateBase64.trim());
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("not base64url", e);
    }
    ECPublicKey publicKey = EllipticCurves.getEcPublicKey(CurveType.NIST_P256, PointFormatType.UNCOMPRESSED, pub);
    ECPrivateKey privateKey = EllipticCurves.getEcPrivateKey(CurveType.NIST_P256, priv);
    // the halves must belong together: what the private key signs, the public key verifies
    java.security.Signature sign = java.security.Signature.getInstance("SHA256withECDSA");
    sign.initSign(privateKey);
    byte[] probe = "deling".getBytes(StandardCharsets.US_ASCII);
    sign.update(probe);
    byte[] signature = sign.sign();
    java.security.Signature verify = java.security.Signature.getInstance("SHA256withECDSA");
    verify.initVerify(publicKey);
    verify.update(probe);
    if (!verify.verify(signature)) throw new GeneralSecurityException("the public key is not the private key's");
    return new WebPushKeys(publicKey, privateKey, B64.encodeToString(pub));
  }

  /**
   * The pair this server signs pushes with: the configured one; else, on the embedded log, the one
   * kept in {@code push-keys.json} in the data folder; else (KurrentDB, where several servers must
   * share one pair) none, and push is off. Null with push off. Blocking IO.
   */
  public static WebPushKeys forServer(no.deling.Config config) throws IOException, GeneralSecurityException {
    no.deling.Config.Push push = config.push();
    if (!push.enabled()) return null;
    if (push.publicKey() != null) return of(push.publicKey(), push.privateKey());
    if (!"embedded".equals(config.store())) {
      org.slf4j.LoggerFactory.getLogger(WebPushKeys.class).warn(
          "push is off: servers sharing KurrentDB need one key pair, set DELING_PUSH_PUBLIC_KEY and DELING_PUSH_PRIVATE_KEY (npx web-push generate-vapid-keys)");
      return null;
    }
    return inFile(config.dataDir().resolve("push-keys.json"));
  }

  /** A new pair. */
  public static WebPushKeys generate() throws GeneralSecurityException {
    KeyPair pair = EllipticCurves.generateKeyPair(CurveType.NIST_P256);
    ECPublicKey pub = (ECPublicKey) pair.getPublic();
    return new WebPushKeys(pub, (ECPrivateKey) pair.getPrivate(),
        B64.encodeToString(EllipticCurves.pointEncode(CurveType.NIST_P256, PointFormatType.UNCOMPRESSED, pub.getW())));
  }

  /** The pair kept in {@code file}, made and written there (readable by its owner only) the first time. Blocking IO. */
  public static WebPushKeys inFile(Path file) throws IOException, GeneralSecurityException {
    if (Files.exists(file)) {
      JsonObject kept = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      return of(kept.getString("publicKey"), kept.getString("privateKey"));
    }
    WebPushKeys made = generate();
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    byte[] body = new JsonObject().put("publicKey", made.publicBase64()).put("privateKey", made.privateBase64()).encodePrettily()
        .getBytes(StandardCharsets.UTF_8);
    Files.write(tmp, body, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // another file system: its own rules apply
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return made;
  }

  /** The private scalar, 32 bytes, base64url. */
  public String privateBase64() {
    byte[] s = privateKey.getS().toByteArray();
    byte[] fixed = new byte[32];
    int n = Math.min(32, s.length);
    System.arraycopy(s, s.length - n, fixed, 32 - n, n);
    return B64.encodeToString(fixed);
  }

  /** The private key as PKCS#8 PEM, as the JWT signer reads it. */
  String privatePem() {
    return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(privateKey.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** Is {@code base64url} an uncompressed P-256 public key, on the curve (a device's {@code p256dh})? */
  public static boolean isPublicKey(String base64url) {
    if (base64url == null || base64url.length() > 100) return false;
    try {
      EllipticCurves.getEcPublicKey(CurveType.NIST_P256, PointFormatType.UNCOMPRESSED, Base64.getUrlDecoder().decode(base64url));
      return true;
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }
}
