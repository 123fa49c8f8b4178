package io.vsguard.vsphere.vcsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Starts the test vCenter (govmomi's vcsim, built from an Inventory JSON file by our harness in
 * {@code src/test/vcsim}) and stops it on {@link #close()}.
 *
 * <p>A missing harness is a test failure, never a skip: without it the vSphere client would go
 * untested against an independent peer. The binary is built by {@code .ci/vcsim-setup.sh}; when it
 * is missing or older than its sources and Go is installed, it is (re)built here.
 */
public final class Vcsim implements AutoCloseable {

  private static final String BINARY = "guard-vsphere/target/vcsim/vsguard-vcsim";
  private static final String SOURCES = "guard-vsphere/src/test/vcsim";
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofMinutes(3);
  private static final Object BUILD_LOCK = new Object();
  private static final String REJECT_PASSWORD_ENV = "VSGUARD_VCSIM_REJECT_PASSWORD";

  private final Process process;
  private final URI url;
  private final String thumbprint;
  private final int hosts;
  private final Duration startup;
  private final Path log;

  private Vcsim(
      Process process, URI url, String thumbprint, int hosts, Duration startup, Path log) {
    this.process = process;
    this.url = url;
    this.thumbprint = thumbprint;
    this.hosts = hosts;
    this.startup = startup;
    this.log = log;
  }

  /**
   * Options of one harness run; {@code pageSize} is the server's page limit; a Login with {@code
   * rejectedPassword} (null: none) fails with InvalidLogin. Tasks stay queued for {@code
   * taskQueued} and run for {@code taskRunning} (null: the harness's realistic defaults, 200 ms and
   * 2 s); {@code networkRollback} is vCenter's config.vpxd.network.rollback at start.
   */
  public record Options(
      boolean tls,
      int pageSize,
      Duration startupTimeout,
      String rejectedPassword,
      Duration taskQueued,
      Duration taskRunning,
      boolean networkRollback) {
    public static Options defaults() {
      return new Options(true, 100, DEFAULT_STARTUP_TIMEOUT, null, null, null, true);
    }

    public Options withTls(boolean value) {
      return new Options(
          value,
          pageSize,
          startupTimeout,
          rejectedPassword,
          taskQueued,
          taskRunning,
          networkRollback);
    }

    public Options withPageSize(int value) {
      return new Options(
          tls, value, startupTimeout, rejectedPassword, taskQueued, taskRunning, networkRollback);
    }

    public Options withStartupTimeout(Duration value) {
      return new Options(
          tls, pageSize, value, rejectedPassword, taskQueued, taskRunning, networkRollback);
    }

    public Options rejecting(String password) {
      return new Options(
          tls, pageSize, startupTimeout, password, taskQueued, taskRunning, networkRollback);
    }

    /** Short task times for tests that run many tasks. */
    public Options withTaskTimes(Duration queued, Duration running) {
      return new Options(
          tls, pageSize, startupTimeout, rejectedPassword, queued, running, networkRollback);
    }

    public Options withNetworkRollback(boolean value) {
      return new Options(
          tls, pageSize, startupTimeout, rejectedPassword, taskQueued, taskRunning, value);
    }
  }

  /** Serves {@code inventory} over HTTPS with the default page size. */
  public static Vcsim start(Path inventory) {
    return start(inventory, Options.defaults());
  }

  public static Vcsim start(Path inventory, Options options) {
    Path root = repositoryRoot();
    Path binary = ensureBinary(root, goInstalled());
    Path inventoryFile = inventory.toAbsolutePath();
    if (!Files.isRegularFile(inventoryFile)) {
      throw new AssertionError("vcsim: inventory fixture not found: " + inventoryFile);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--inventory",
                inventoryFile.toString(),
                "--listen",
                "127.0.0.1:0",
                "--page-size",
                Integer.toString(options.pageSize())));
    if (options.tls()) {
      command.add("--tls");
    }
    if (options.taskQueued() != null) {
      command.add("--task-queued=" + options.taskQueued().toMillis() + "ms");
    }
    if (options.taskRunning() != null) {
      command.add("--task-running=" + options.taskRunning().toMillis() + "ms");
    }
    if (!options.networkRollback()) {
      command.add("--network-rollback=false");
    }
    try {
      Path logDir = Files.createDirectories(binary.getParent().resolve("logs"));
      Path log = Files.createTempFile(logDir, "vcsim-", ".log");
      long begin = System.nanoTime();
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
      // through the environment, never the argument list (see the harness's main.go)
      builder.environment().remove(REJECT_PASSWORD_ENV);
      if (options.rejectedPassword() != null) {
        builder.environment().put(REJECT_PASSWORD_ENV, options.rejectedPassword());
      }
      Process process = builder.start();
      JsonNode ready;
      try {
        ready = readReadyLine(process, options.startupTimeout(), log);
      } catch (AssertionError | RuntimeException e) {
        process.destroyForcibly();
        throw e;
      }
      Duration startup = Duration.ofNanos(System.nanoTime() - begin);
      return new Vcsim(
          process,
          URI.create(ready.path("url").asText()),
          ready.path("thumbprint").asText(),
          ready.path("hosts").asInt(),
          startup,
          log);
    } catch (IOException e) {
      throw new AssertionError("vcsim: cannot start " + binary + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode readReadyLine(Process process, Duration timeout, Path log) {
    BufferedReader stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return stdout.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    String text;
    try {
      text = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("vcsim: no ready line within " + timeout + "; log: " + tail(log));
    } catch (ExecutionException e) {
      throw new AssertionError("vcsim: reading its ready line failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("vcsim: interrupted while starting", e);
    }
    if (text == null) {
      throw new AssertionError("vcsim exited before serving; log: " + tail(log));
    }
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new AssertionError("vcsim: ready line is not JSON: " + text, e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable " + log + ")";
    }
  }

  /** The repository root: the directory holding .ci/vcsim-setup.sh, searched upwards. */
  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(".ci/vcsim-setup.sh"))) {
        return dir;
      }
    }
    throw new AssertionError(
        "vcsim: cannot find the repository root (.ci/vcsim-setup.sh) above "
            + Path.of("").toAbsolutePath());
  }

  /** The harness binary under {@code root}, built when possible; an AssertionError when not. */
  static Path ensureBinary(Path root, boolean goAvailable) {
    Path binary = root.resolve(BINARY);
    synchronized (BUILD_LOCK) {
      boolean present = Files.isExecutable(binary);
      if (present && !olderThanSources(binary, root.resolve(SOURCES))) {
        return binary;
      }
      if (!goAvailable) {
        if (present) {
          return binary; // stale but usable; CI always rebuilds through .ci/vcsim-setup.sh
        }
        throw new AssertionError(
            "vcsim harness binary missing: "
                + binary
                + ". Run .ci/vcsim-setup.sh (as root it installs the Debian packages golang-go and"
                + " golang-github-vmware-govmomi-dev, then builds the harness).");
      }
      build(root);
      if (!Files.isExecutable(binary)) {
        throw new AssertionError(
            "vcsim: .ci/vcsim-setup.sh --build-only did not produce " + binary);
      }
      return binary;
    }
  }

  private static boolean olderThanSources(Path binary, Path sources) {
    try (Stream<Path> files = Files.list(sources)) {
      FileTime built = Files.getLastModifiedTime(binary);
      return files
          .filter(p -> p.toString().endsWith(".go"))
          .anyMatch(
              p -> {
                try {
                  return Files.getLastModifiedTime(p).compareTo(built) > 0;
                } catch (IOException e) {
                  return true;
                }
              });
    } catch (IOException e) {
      return true;
    }
  }

  private static boolean goInstalled() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "go"))) {
        return true;
      }
    }
    return false;
  }

  private static void build(Path root) {
    try {
      Process build =
          new ProcessBuilder(root.resolve(".ci/vcsim-setup.sh").toString(), "--build-only")
              .directory(root.toFile())
              .redirectErrorStream(true)
              .start();
      build.getOutputStream().close();
      CompletableFuture<String> output =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                  return "";
                }
              });
      if (!build.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        build.destroyForcibly();
        throw new AssertionError("vcsim: building the harness took longer than " + BUILD_TIMEOUT);
      }
      if (build.exitValue() != 0) {
        throw new AssertionError("vcsim: building the harness failed:\n" + output.join());
      }
    } catch (IOException e) {
      throw new AssertionError(
          "vcsim: cannot run .ci/vcsim-setup.sh --build-only: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("vcsim: interrupted while building the harness", e);
    }
  }

  /** The SDK endpoint, e.g. https://127.0.0.1:PORT/sdk. */
  public URI url() {
    return url;
  }

  /** SHA-256 of the server certificate, uppercase hex with colons; empty without TLS. */
  public String thumbprint() {
    return thumbprint;
  }

  /** The harness's control endpoint and call log (fault injection, what was served). */
  public VcsimControl control() {
    return new VcsimControl(url, thumbprint);
  }

  /** Number of hosts the harness built from the inventory. */
  public int hosts() {
    return hosts;
  }

  /** From process start to the ready line. */
  public Duration startup() {
    return startup;
  }

  /** The harness's stderr. */
  public Path log() {
    return log;
  }

  /** Closes the harness's stdin (it exits on EOF), then makes sure the process is gone. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // The process is stopped below either way.
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
