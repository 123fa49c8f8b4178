package io.vsguard.cli;

import io.vsguard.core.audit.JsonlAuditStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --audit-log PATH}, shared by check and the audit commands. Without it: the system property
 * {@code vsguard.audit.log}, else {@code $VSGUARD_AUDIT_LOG}, else {@code ~/.vsguard/audit.jsonl}.
 * The property comes first so the test suite can point every command at target/ whatever the
 * environment says, and never write into the real home.
 */
final class AuditLogOption {
  static final String PROPERTY = "vsguard.audit.log";
  static final String ENV = "VSGUARD_AUDIT_LOG";

  @Option(
      names = "--audit-log",
      paramLabel = "PATH",
      description =
          "Audit log (JSON lines). Default: $VSGUARD_AUDIT_LOG, else ~/.vsguard/audit.jsonl.")
  Path path;

  Path resolve() {
    if (path != null) {
      return path;
    }
    String prop = System.getProperty(PROPERTY);
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    // $HOME as the shell sees it (a service account's, a CI job's), as every command-line tool
    // reads "~"; Java's user.home comes from the password database and ignores it.
    String home = System.getenv("HOME");
    return Path.of(
        home != null && !home.isBlank() ? home : System.getProperty("user.home"),
        ".vsguard",
        "audit.jsonl");
  }

  JsonlAuditStore store() {
    return new JsonlAuditStore(resolve());
  }
}
