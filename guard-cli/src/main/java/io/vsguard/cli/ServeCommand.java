package io.vsguard.cli;

import io.vsguard.cli.serve.ApiServer;
import io.vsguard.cli.serve.ApiTokens;
import io.vsguard.cli.serve.Preflight;
import io.vsguard.core.load.InputException;
import io.vsguard.core.policy.PolicyPack;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vsguard serve}: the HTTP pre-flight API and the auditors' web view, until stopped. Plain
 * HTTP is for the loopback interface only; anything reachable from the network needs {@code
 * --keystore} (HTTPS) or an explicit {@code --insecure-http}.
 */
@Command(
    name = "serve",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description =
        "Serve the HTTP pre-flight API (/v1) and the auditors' web view (/ui/) until stopped.",
    footer = {
      "",
      "Bearer tokens: --tokens FILE, one name:token per line, mode 0600; the name is recorded as the"
          + " actor of every decision.",
      "HTTPS: --keystore FILE (PKCS12) with its password in $"
          + ServeCommand.KEYSTORE_PASSWORD_ENV
          + ".",
      "Exit codes: 2 bad options or files, 3 the server could not start."
    })
public final class ServeCommand implements Callable<Integer> {
  static final String KEYSTORE_PASSWORD_ENV = "VSGUARD_KEYSTORE_PASSWORD";
  static final long DEFAULT_MAX_BODY = 10L * 1024 * 1024;
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib)?", Pattern.CASE_INSENSITIVE);

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8443",
      description = "TCP port (default 8443; 0 picks a free one).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default 127.0.0.1).")
  String bind;

  @Option(
      names = "--tokens",
      required = true,
      paramLabel = "FILE",
      description =
          "Bearer tokens, one name:token per line; refused when group or others can read it.")
  Path tokensFile;

  @picocli.CommandLine.Mixin PolicyOption policyOption = new PolicyOption();

  @picocli.CommandLine.Mixin AuditLogOption auditLog = new AuditLogOption();

  @picocli.CommandLine.Mixin SigningKeyOption signingKey = new SigningKeyOption();

  /** With --vcenter, a request may carry the plan alone: the inventory is captured for each one. */
  @picocli.CommandLine.Mixin VcenterOptions vcenter = new VcenterOptions();

  /** Every POST /v1/checks and /v1/stages is evaluated under it; past it the answer is 503. */
  @picocli.CommandLine.Mixin DeadlineOption deadline = new DeadlineOption();

  @Option(
      names = "--max-body",
      paramLabel = "SIZE",
      defaultValue = "10MiB",
      description = "Largest request body accepted, e.g. 10MiB (default), 512KiB, 65536.")
  String maxBody;

  @Option(
      names = "--keystore",
      paramLabel = "FILE",
      description = "PKCS12 keystore with the server's key and certificate: serve HTTPS only.")
  Path keystore;

  @Option(
      names = "--insecure-http",
      description =
          "Allow plain HTTP on an address other than loopback (tokens then cross the network in clear).")
  boolean insecureHttp;

  /** Tests read the keystore password from here instead of the environment. */
  java.util.function.Function<String, String> environment = System::getenv;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (deadline.problem(DeadlineOption.SERVE_MAX_SECONDS) != null) {
      err.println(
          "vsguard serve: "
              + deadline.problem(DeadlineOption.SERVE_MAX_SECONDS)
              + " (a request holds a server thread and a core while it is evaluated)");
      return ExitCodes.INPUT_ERROR;
    }
    long maxBytes;
    ApiTokens tokens;
    PolicyPack pack;
    KeyStore ks = null;
    char[] ksPassword = null;
    VcenterInventory live = null;
    io.vsguard.core.audit.AuditSigner signer;
    try {
      if (port < 0 || port > 65535) {
        throw new InputException("--port", "", 0, "expected a port between 0 and 65535");
      }
      maxBytes = parseSize(maxBody);
      checkExposure();
      tokens = ApiTokens.load(tokensFile);
      signer = signingKey.load(System.getenv());
      pack = policyOption.load();
      if (vcenter.given()) {
        // captures print nothing but the --insecure warning: stderr is the server's log
        live = vcenter.prepare(System.getenv(), err, false);
      }
      if (keystore != null) {
        String pw = environment.apply(KEYSTORE_PASSWORD_ENV);
        if (pw == null) {
          throw new InputException(
              keystore.toString(),
              "",
              0,
              "set the keystore's password in $"
                  + KEYSTORE_PASSWORD_ENV
                  + " (never on the command line)");
        }
        io.vsguard.core.text.Secrets.register(pw);
        ksPassword = pw.toCharArray();
        ks = loadKeyStore(keystore, ksPassword);
      }
    } catch (InputException | VcenterOptions.Invalid e) {
      err.println("vsguard serve: " + e.getMessage());
      return ExitCodes.INPUT_ERROR;
    }
    Preflight preflight =
        new Preflight(
            pack,
            policyOption.source(),
            auditLog.store().withSigner(signer),
            Clock.systemUTC(),
            Optional.ofNullable(live),
            deadline.budget());
    ApiServer server;
    try {
      server =
          ApiServer.start(
              new ApiServer.Options(bind, port, maxBytes, ks, ksPassword),
              tokens,
              preflight,
              Clock.systemUTC());
    } catch (RuntimeException e) {
      err.println("vsguard serve: cannot listen on " + bind + ":" + port + ": " + rootMessage(e));
      return ExitCodes.ERROR;
    }
    if (insecureHttp && keystore == null) {
      err.println(
          "vsguard serve: WARNING: plain HTTP on "
              + bind
              + ": bearer tokens and decisions cross the network"
              + " unencrypted (--insecure-http)");
    }
    err.println(
        "vsguard serve: listening on "
            + server.baseUri()
            + " (API /v1, web view /ui/); policy "
            + pack.name()
            + (live == null ? "" : ", inventory from " + live.url())
            + ", "
            + tokens.size()
            + (tokens.size() == 1 ? " token" : " tokens")
            + ", evaluations within "
            + deadline.seconds.toPlainString()
            + " s, audit log "
            + preflight.store().file()
            + (signer == null
                ? " (records not signed)"
                : " (records signed with key " + signer.keyId() + ")"));
    err.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "vsguard-serve-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.close();
    }
    return ExitCodes.ALLOW;
  }

  /** Plain HTTP only on loopback, unless the operator says otherwise in so many words. */
  private void checkExposure() throws InputException {
    if (keystore != null || insecureHttp) {
      return;
    }
    boolean loopback;
    try {
      loopback = InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new InputException("--bind", "", 0, "unknown address " + bind);
    }
    if (!loopback) {
      throw new InputException(
          "--bind",
          "",
          0,
          bind
              + " is not a loopback address: serve HTTPS with --keystore"
              + " FILE, or accept plain HTTP on the network with --insecure-http");
    }
  }

  static long parseSize(String text) throws InputException {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new InputException(
          "--max-body",
          "",
          0,
          "expected a size such as 10MiB, 512KiB or 65536, got '" + text + "'");
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new InputException("--max-body", "", 0, "the size is too large");
    }
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long bytes =
        switch (unit) {
          case "k", "kb", "kib" -> n * 1024;
          case "m", "mb", "mib" -> n * 1024 * 1024;
          default -> n;
        };
    if (bytes < 1024 || bytes > 1024L * 1024 * 1024) {
      throw new InputException("--max-body", "", 0, "expected a size between 1KiB and 1GiB");
    }
    return bytes;
  }

  public static KeyStore loadKeyStore(Path file, char[] password) throws InputException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      boolean hasKey = false;
      for (String alias : java.util.Collections.list(ks.aliases())) {
        hasKey |= ks.isKeyEntry(alias);
      }
      if (!hasKey) {
        throw new InputException(
            file.toString(),
            "",
            0,
            "no private key in the keystore; expected the server's key" + " and certificate chain");
      }
      return ks;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputException(file.toString(), "", 0, "file not found");
    } catch (IOException e) {
      throw new InputException(
          file.toString(),
          "",
          0,
          "cannot open the PKCS12 keystore (wrong password in $"
              + KEYSTORE_PASSWORD_ENV
              + ", or not PKCS12)");
    } catch (GeneralSecurityException e) {
      throw new InputException(
          file.toString(), "", 0, "cannot read the keystore: " + e.getMessage());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
