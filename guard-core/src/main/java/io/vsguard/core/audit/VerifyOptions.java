package io.vsguard.core.audit;

import java.security.PublicKey;
import java.util.List;
import java.util.Locale;

/**
 * What an auditor brings to a verification besides the log.
 *
 * @param publicKeys the recording process's public key(s): with one, every record from the first
 *     signed one on must be signed by it, and the log must hold at least one signed record
 * @param expectHead a record sha256 the auditor kept elsewhere (the {@code head:} of an earlier
 *     verify, in a change ticket): it must still be in the chain, or records were cut from the end
 * @param everySignature check each record's signature, not only the last one's (the chain makes the
 *     last signature cover every record before it; checking all finds a damaged signature on a
 *     record whose content is intact)
 */
public record VerifyOptions(List<PublicKey> publicKeys, String expectHead, boolean everySignature) {
  public static final VerifyOptions NONE = new VerifyOptions(List.of(), null, false);

  public VerifyOptions {
    publicKeys = List.copyOf(publicKeys);
    expectHead = expectHead == null ? null : expectHead.strip().toLowerCase(Locale.ROOT);
  }

  public boolean checksSignatures() {
    return !publicKeys.isEmpty();
  }
}
