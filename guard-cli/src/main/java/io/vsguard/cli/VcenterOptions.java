package io.vsguard.cli;

import io.vsguard.core.text.Secrets;
import io.vsguard.vsphere.CaptureOptions;
import io.vsguard.vsphere.Credentials;
import io.vsguard.vsphere.VcenterTarget;
import io.vsguard.vsphere.transport.Thumbprints;
import io.vsguard.vsphere.transport.Timeouts;
import io.vsguard.vsphere.transport.TlsPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that read the inventory from a live vCenter ({@code --vcenter URL} and how to
 * authenticate both ends). Credentials never come from an argument: the process list is public.
 */
final class VcenterOptions {
  static final String TRUST_STORE_PASSWORD_ENV = "VSGUARD_TRUST_STORE_PASSWORD";

  @Option(
      names = "--vcenter",
      paramLabel = "URL",
      description =
          "Capture the inventory from this vCenter (read-only), e.g. https://vc01.example/sdk.")
  String url;

  @Option(
      names = "--credentials",
      paramLabel = "FILE",
      description =
          "File with lines user=NAME and password=SECRET, mode 0600."
              + " Default: env VSGUARD_VCENTER_USER / VSGUARD_VCENTER_PASSWORD.")
  Path credentials;

  @Option(
      names = "--trust-store",
      paramLabel = "FILE",
      description =
          "PKCS12 or JKS trust store for the vCenter certificate (password: env VSGUARD_TRUST_STORE_PASSWORD).")
  Path trustStore;

  @Option(
      names = "--thumbprint",
      paramLabel = "SHA256",
      description =
          "Accept only the vCenter certificate with this SHA-256 thumbprint (hex, colons optional).")
  String thumbprint;

  @Option(
      names = "--insecure",
      description = "Do not verify the vCenter certificate (warned every time, recorded).")
  boolean insecure;

  @Option(
      names = "--vcenter-vm",
      paramLabel = "NAME",
      description =
          "Name of the vCenter appliance's VM, when it is neither found by instance UUID nor named like the URL host.")
  String vcenterVm;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "Read timeout per vCenter call (default 120; connecting times out after 10).")
  int timeoutSeconds;

  /** Input errors: exit 2, one line. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  boolean given() {
    return url != null;
  }

  /**
   * The vCenter as an inventory source, set up (options and credentials valid) without touching the
   * network. {@code err} takes the --insecure warning, and on a {@code terminal} the progress.
   */
  VcenterInventory prepare(Map<String, String> env, PrintWriter err, boolean terminal)
      throws Invalid {
    // Known before any message can repeat them: a password in the URL (refused below, but the
    // refusal must not print it) and the ones in the environment.
    registerUrlPassword(url);
    Secrets.register(env.get(Credentials.PASSWORD_ENV));
    Secrets.register(env.get(TRUST_STORE_PASSWORD_ENV));
    URI sdk;
    try {
      sdk = VcenterTarget.sdkUrl(url);
    } catch (IllegalArgumentException e) {
      throw new Invalid(
          "--vcenter: "
              + e.getMessage()
              + (hasUserInfo(url)
                  ? "; a password on the command line"
                      + " is visible to every user of this machine in the process list: change it"
                  : ""));
    }
    int pins = (trustStore != null ? 1 : 0) + (thumbprint != null ? 1 : 0) + (insecure ? 1 : 0);
    if (pins > 1) {
      throw new Invalid(
          "--trust-store, --thumbprint and --insecure exclude each other; give at most one");
    }
    if (timeoutSeconds < 1) {
      throw new Invalid("--timeout: expected a whole number of seconds, 1 or more");
    }
    TlsPolicy tls;
    if (thumbprint != null) {
      try {
        tls = new TlsPolicy.Pinned(Thumbprints.parse(thumbprint));
      } catch (IllegalArgumentException e) {
        throw new Invalid("--thumbprint: " + e.getMessage());
      }
    } else if (trustStore != null) {
      tls = new TlsPolicy.Verified(loadTrustStore(trustStore, env.get(TRUST_STORE_PASSWORD_ENV)));
    } else if (insecure) {
      tls = new TlsPolicy.Insecure();
    } else {
      tls = TlsPolicy.system();
    }
    Credentials creds;
    try {
      creds =
          credentials != null
              ? Credentials.fromFile(credentials)
              : Credentials.fromEnvironment(env);
    } catch (Credentials.Unavailable e) {
      throw new Invalid(e.getMessage());
    }
    Secrets.register(creds.password().reveal());
    Timeouts timeouts =
        new Timeouts(Timeouts.DEFAULTS.connect(), Duration.ofSeconds(timeoutSeconds));
    CaptureOptions opts = CaptureOptions.DEFAULTS.withVcenterVm(vcenterVm);
    return new VcenterInventory(new VcenterTarget(sdk, tls, timeouts), creds, opts, err, terminal);
  }

  /** The user-info of a URL as written ({@code scheme://user:password@host}), parsed or not. */
  private static final java.util.regex.Pattern USER_INFO =
      java.util.regex.Pattern.compile("^[^:/]*://([^/@]*)@");

  private static boolean hasUserInfo(String url) {
    return url != null && USER_INFO.matcher(url.strip()).find();
  }

  private static void registerUrlPassword(String url) {
    if (url == null) {
      return;
    }
    java.util.regex.Matcher m = USER_INFO.matcher(url.strip());
    if (m.find()) {
      String info = m.group(1);
      int colon = info.indexOf(':');
      if (colon >= 0) {
        Secrets.register(info.substring(colon + 1));
        Secrets.register(
            java.net.URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8));
      }
    }
  }

  private static KeyStore loadTrustStore(Path file, String password) throws Invalid {
    try {
      return KeyStore.getInstance(file.toFile(), password == null ? null : password.toCharArray());
    } catch (IOException | GeneralSecurityException e) {
      throw new Invalid(
          file
              + ": cannot read the trust store (PKCS12 or JKS"
              + (password == null
                  ? "; set " + TRUST_STORE_PASSWORD_ENV + " if it has a password"
                  : "")
              + ")");
    }
  }

  /**
   * Whether stderr is a terminal, so `check --output json | jq` still shows progress while `2>
   * file` does not. Java cannot ask isatty(2); on Linux, fd 2's link names the tty. Elsewhere
   * System.console() (stdin and stdout on a terminal) is the closest answer.
   */
  static boolean stderrIsTerminal() {
    java.nio.file.Path fd2 = java.nio.file.Path.of("/proc/self/fd/2");
    try {
      String target = java.nio.file.Files.readSymbolicLink(fd2).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return System.console() != null;
    }
  }
}
