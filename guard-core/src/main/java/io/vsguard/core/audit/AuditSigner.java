package io.vsguard.core.audit;

import io.vsguard.core.decision.Decisions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * The Ed25519 key of the process that records decisions. Each record's seal ({@code sha256}) is
 * signed, so a record can only be written by whoever holds this key: anyone else who can write the
 * file can still damage it, but cannot forge, change or re-chain a record without the change
 * showing. Auditors verify with the public key alone ({@link #verify}).
 *
 * <p>What is signed is the ASCII text {@value #CONTEXT} followed by the record's sha256 in hex, so
 * a signature over a record can be checked with any Ed25519 tool and never stands for anything
 * else.
 */
public final class AuditSigner {
  /** The signed message is this prefix and the record's sha256 (64 hex digits). */
  public static final String CONTEXT = "vsguard audit record ";

  public static final String ALGORITHM = "Ed25519";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  private AuditSigner(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = keyId(publicKey);
  }

  /**
   * The signer for a key pair; refuses a pair whose halves do not belong together (a key file with
   * the wrong public key would otherwise sign records no auditor can check).
   */
  public static AuditSigner of(PrivateKey privateKey, PublicKey publicKey) {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(publicKey, "publicKey");
    if (!ALGORITHM.equalsIgnoreCase(privateKey.getAlgorithm())
        && !"EdDSA".equalsIgnoreCase(privateKey.getAlgorithm())) {
      throw new IllegalArgumentException(
          "the signing key is " + privateKey.getAlgorithm() + ", expected Ed25519");
    }
    AuditSigner s = new AuditSigner(privateKey, publicKey);
    String probe = "0".repeat(64);
    if (!verify(publicKey, probe, s.sign(probe))) {
      throw new IllegalArgumentException("the public key does not belong to the private key");
    }
    return s;
  }

  /** A new key pair (the JDK's own Ed25519). */
  public static AuditSigner generate() {
    try {
      KeyPair kp = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      return new AuditSigner(kp.getPrivate(), kp.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no Ed25519", e);
    }
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  /**
   * The first 16 hex digits of the SHA-256 of the public key's X.509 encoding: which key signed.
   */
  public String keyId() {
    return keyId;
  }

  public static String keyId(PublicKey key) {
    return Decisions.sha256(key.getEncoded()).substring(0, 16);
  }

  /** Signs a record's seal. */
  public AuditRecord.Signature sign(String sha256) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(privateKey);
      s.update(message(sha256));
      return new AuditRecord.Signature(
          ALGORITHM, keyId, Base64.getEncoder().encodeToString(s.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the audit key: " + e.getMessage(), e);
    }
  }

  /** True when {@code sig} is a valid signature of the seal {@code sha256} by {@code key}. */
  public static boolean verify(PublicKey key, String sha256, AuditRecord.Signature sig) {
    if (sig == null || !ALGORITHM.equals(sig.alg()) || !keyId(key).equals(sig.key())) {
      return false;
    }
    try {
      byte[] value = Base64.getDecoder().decode(sig.value());
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(message(sha256));
      return s.verify(value);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] message(String sha256) {
    return (CONTEXT + sha256).getBytes(StandardCharsets.US_ASCII);
  }

  // ---- PEM, as openssl writes it (PKCS#8 "PRIVATE KEY", X.509 "PUBLIC KEY")

  /** The key file's text: the private key, then its public key, both PEM. */
  public String toPem() {
    return pem("PRIVATE KEY", privateKey.getEncoded()) + pem("PUBLIC KEY", publicKey.getEncoded());
  }

  public static String publicPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  /**
   * The signer in a key file's text ({@link #toPem}); {@code name} is only for messages.
   *
   * @throws IllegalArgumentException saying what is missing or wrong
   */
  public static AuditSigner fromPem(String text) {
    byte[] priv = block(text, "PRIVATE KEY");
    byte[] pub = block(text, "PUBLIC KEY");
    if (priv == null) {
      throw new IllegalArgumentException("no -----BEGIN PRIVATE KEY----- block (PKCS#8 Ed25519)");
    }
    if (pub == null) {
      throw new IllegalArgumentException(
          "no -----BEGIN PUBLIC KEY----- block after the private key"
              + " (vsguard audit keygen writes both; for an openssl key append: openssl pkey -in KEY -pubout)");
    }
    try {
      KeyFactory kf = KeyFactory.getInstance(ALGORITHM);
      return of(
          kf.generatePrivate(new PKCS8EncodedKeySpec(priv)),
          kf.generatePublic(new X509EncodedKeySpec(pub)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 key pair (" + e.getMessage() + ")");
    }
  }

  /** The public key in PEM text. */
  public static PublicKey publicFromPem(String text) {
    byte[] pub = block(text, "PUBLIC KEY");
    if (pub == null) {
      throw new IllegalArgumentException(
          "no -----BEGIN PUBLIC KEY----- block (X.509 Ed25519, as openssl pkey -pubout"
              + " writes it)");
    }
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(pub));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key (" + e.getMessage() + ")");
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] block(String text, String type) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int b = text.indexOf(begin);
    if (b < 0) {
      return null;
    }
    int e = text.indexOf(end, b);
    if (e < 0) {
      throw new IllegalArgumentException(begin + " is not closed by " + end);
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    } catch (IllegalArgumentException x) {
      throw new IllegalArgumentException("the " + type + " block is not base64");
    }
  }
}
