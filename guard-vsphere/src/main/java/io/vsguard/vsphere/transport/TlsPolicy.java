package io.vsguard.vsphere.transport;

import java.security.KeyStore;

/**
 * How the vCenter's certificate is checked. Verification is the default; pinning and insecure are
 * for self-signed vCenters, and the label of each is recorded with the captured inventory.
 */
public sealed interface TlsPolicy {
  /** The label written to the inventory's source.tls and the decision's inventory.tls. */
  String label();

  /**
   * Chain and host name verified against a trust store; null means the JVM's default (system) one.
   */
  record Verified(KeyStore trustStore) implements TlsPolicy {
    @Override
    public String label() {
      return "verified";
    }
  }

  /**
   * Only the leaf certificate with this SHA-256 thumbprint is accepted; the host name is not
   * checked.
   */
  record Pinned(byte[] sha256) implements TlsPolicy {
    public Pinned {
      sha256 = sha256.clone();
      if (sha256.length != 32) {
        throw new IllegalArgumentException("a SHA-256 thumbprint has 32 bytes");
      }
    }

    @Override
    public byte[] sha256() {
      return sha256.clone();
    }

    @Override
    public String label() {
      return "pinned";
    }
  }

  /** Any certificate: the connection is encrypted but the server is not authenticated. */
  record Insecure() implements TlsPolicy {
    @Override
    public String label() {
      return "insecure";
    }
  }

  static TlsPolicy system() {
    return new Verified(null);
  }
}
