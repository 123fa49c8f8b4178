package io.vsguard.cli;

import io.vsguard.core.audit.AuditSigner;
import io.vsguard.core.load.InputException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --signing-key FILE}, else {@code $VSGUARD_AUDIT_SIGNING_KEY}: the Ed25519 key the process
 * that records decisions signs every record with (check, serve). Without either, records are
 * unsigned, and a log that is already signed refuses them.
 */
final class SigningKeyOption {
  static final String ENV = "VSGUARD_AUDIT_SIGNING_KEY";

  @Option(
      names = "--signing-key",
      paramLabel = "FILE",
      description =
          "Sign every audit record with this Ed25519 key (vsguard audit keygen; mode 0600)."
              + " Default: $"
              + ENV
              + ", else records are not signed.")
  Path file;

  /** The signer, or null when no key is configured. */
  AuditSigner load(Map<String, String> env) throws InputException {
    Path p = file;
    if (p == null) {
      String e = env.get(ENV);
      p = e == null || e.isBlank() ? null : Path.of(e);
    }
    return p == null ? null : AuditKeyFiles.readSigner(p);
  }
}
