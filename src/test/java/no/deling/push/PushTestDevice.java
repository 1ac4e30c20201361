package no.deling.push;

import com.google.crypto.tink.apps.webpush.WebPushHybridDecrypt;
import com.google.crypto.tink.subtle.EllipticCurves;
import com.google.crypto.tink.subtle.EllipticCurves.CurveType;
import com.google.crypto.tink.subtle.EllipticCurves.PointFormatType;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;

/**
 * What a browser holds for one push subscription: its P-256 key pair and 16-byte secret (the
 * server gets the public key and the secret), and what it does with a message that arrives.
 */
public record PushTestDevice(ECPublicKey publicKey, ECPrivateKey privateKey, byte[] secret) {
  public static PushTestDevice create() {
    try {
      KeyPair pair = EllipticCurves.generateKeyPair(CurveType.NIST_P256);
      byte[] secret = new byte[16];
      new java.security.SecureRandom().nextBytes(secret);
      return new PushTestDevice((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate(), secret);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A device whose keys are given: {@code publicKey} uncompressed, {@code privateKey} its scalar, all base64url. */
  public static PushTestDevice of(String publicKey, String privateKey, String secret) throws GeneralSecurityException {
    Base64.Decoder d = Base64.getUrlDecoder();
    return new PushTestDevice(EllipticCurves.getEcPublicKey(CurveType.NIST_P256, PointFormatType.UNCOMPRESSED, d.decode(publicKey)),
        EllipticCurves.getEcPrivateKey(CurveType.NIST_P256, d.decode(privateKey)), d.decode(secret));
  }

  public String p256dh() {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          EllipticCurves.pointEncode(CurveType.NIST_P256, PointFormatType.UNCOMPRESSED, publicKey.getW()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String auth() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** The browser's side of RFC 8291: what the message said. */
  public byte[] decrypt(byte[] body) throws GeneralSecurityException {
    return new WebPushHybridDecrypt.Builder().withAuthSecret(secret).withRecipientPublicKey(publicKey).withRecipientPrivateKey(privateKey).build()
        .decrypt(body, null);
  }
}
