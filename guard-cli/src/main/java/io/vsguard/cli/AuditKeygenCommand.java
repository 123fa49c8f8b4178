package io.vsguard.cli;

import io.vsguard.core.audit.AuditSigner;
import io.vsguard.core.load.InputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vsguard audit keygen --out FILE}: a new Ed25519 audit key. FILE (mode 0600) stays with the
 * process that records decisions; FILE.pub goes to the auditors.
 */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Create an Ed25519 key to sign audit records: FILE (private, 0600) and FILE.pub (for auditors).",
    footer = {"", "Exit codes: 0 key written, 2 a file exists already or cannot be written."})
public final class AuditKeygenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Private key file to create (never overwritten).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    AuditSigner key = AuditSigner.generate();
    Path pub;
    try {
      pub = AuditKeyFiles.write(out, key);
    } catch (InputException e) {
      spec.commandLine().getErr().println("vsguard audit keygen: " + e.getMessage());
      return ExitCodes.INPUT_ERROR;
    }
    o.println("key " + key.keyId() + ": private key " + out + " (mode 0600), public key " + pub);
    o.println(
        "The recording process signs with the private key: vsguard serve --signing-key "
            + out
            + " (or $"
            + SigningKeyOption.ENV
            + ").");
    o.println(
        "Auditors verify with the public key alone: vsguard audit verify --public-key " + pub);
    return ExitCodes.ALLOW;
  }
}
