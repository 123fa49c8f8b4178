package io.vsguard.vsphere.vcsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vsguard.core.model.Inventory;
import io.vsguard.vsphere.CaptureOptions;
import io.vsguard.vsphere.Credentials;
import io.vsguard.vsphere.Secret;
import io.vsguard.vsphere.VcenterTarget;
import io.vsguard.vsphere.VsphereCapture;
import io.vsguard.vsphere.VsphereException;
import io.vsguard.vsphere.transport.CountingRoundTrip;
import io.vsguard.vsphere.transport.Thumbprints;
import io.vsguard.vsphere.transport.Timeouts;
import io.vsguard.vsphere.transport.TlsPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * The capture benchmark behind {@code guard-vsphere/bench/capture-bench.sh}: vsguard's vim25 client
 * side by side with a govmomi program reading the same properties ({@code bench/govmomi-capture}),
 * both against the same simulated vCenter (vcsim over TLS, certificate pinned) serving a generated
 * inventory ({@link LargeInventory}).
 *
 * <p>Per host count it measures, after {@code warmup} unmeasured rounds:
 *
 * <ul>
 *   <li><b>in-process</b>: one capture timed inside a warm process — vsguard's in this JVM,
 *       govmomi's inside its own process after one capture of warm-up there — in pairs, vsguard
 *       then govmomi, so that the machine's drift hits both;
 *   <li><b>whole process</b>: {@code ./vsguard inventory export} against the Go program run once,
 *       each under GNU time ({@code /usr/bin/time}), again in pairs: wall time and peak resident
 *       memory.
 * </ul>
 *
 * Prints medians with min..max and the median of the pair-by-pair ratios. Not a test: the numbers
 * depend on the machine, and a shared machine needs several runs.
 *
 * <p>Arguments: {@code [--runs R] [--warmup W] [--page-size P] [--in-process-only] [N ...]}, or
 * {@code --serve N} to serve one generated inventory until stdin closes (to time the two commands
 * with other tools).
 */
public final class CaptureBench {
  static final String GOVMOMI = "guard-vsphere/target/bench/govmomi-capture";
  static final String LAUNCHER = "vsguard";
  static final String JAR = "guard-cli/target/vsguard.jar";
  static final String GNU_TIME = "/usr/bin/time";
  static final String USER = "bench@vsphere.local";
  static final String PASSWORD = "bench-only";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CaptureBench() {}

  record Settings(int runs, int warmup, int pageSize, boolean wholeProcess) {}

  /** One measured capture in this JVM: its time and what it cost the vCenter. */
  record InProcess(
      double millis, long roundTrips, long received, long sent, int objects, int hosts) {}

  /** One finished process as GNU time saw it: wall and CPU (user + system) seconds, peak RSS. */
  record Finished(double wallSeconds, double cpuSeconds, long peakKib) {}

  public static void main(String[] args) throws Exception {
    int runs = 5;
    int warmup = 1;
    int pageSize = CaptureOptions.DEFAULTS.pageSize();
    boolean wholeProcess = true;
    Integer serve = null;
    List<Integer> counts = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = number(args, ++i, 1);
        case "--warmup" -> warmup = number(args, ++i, 0);
        case "--page-size" -> pageSize = number(args, ++i, 1);
        case "--in-process-only" -> wholeProcess = false;
        case "--serve" -> serve = number(args, ++i, 1);
        default -> {
          if (args[i].startsWith("-")) {
            usage("unknown option '" + args[i] + "'");
          }
          counts.add(number(args, i, 1));
        }
      }
    }
    if (counts.isEmpty()) {
      counts = List.of(1_000, 2_000);
    }
    Path root = Vcsim.repositoryRoot();
    Path dir = Files.createTempDirectory("vsguard-bench-");
    try {
      if (serve != null) {
        serve(root, dir, serve, pageSize);
        return;
      }
      Settings s = new Settings(runs, warmup, pageSize, wholeProcess);
      requireFile(root.resolve(GOVMOMI), "the govmomi capture program; capture-bench.sh builds it");
      if (wholeProcess) {
        requireFile(root.resolve(JAR), "the vsguard jar; capture-bench.sh builds it");
        requireFile(Path.of(GNU_TIME), "GNU time (Debian package 'time')");
      }
      System.out.printf(
          Locale.ROOT,
          "capture benchmark: vcsim over TLS, certificate pinned, page size %d"
              + " in-process (%d whole process, the CLI's); %d warm-up + %d measured rounds; median (min..max),"
              + " ratio = median of pair-by-pair vsguard/govmomi%n",
          pageSize,
          CaptureOptions.DEFAULTS.pageSize(),
          warmup,
          runs);
      for (int n : counts) {
        bench(root, dir, n, s);
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static Vcsim start(Path dir, int hosts, int pageSize) throws IOException {
    Path file = LargeInventory.write(dir.resolve("inventory-" + hosts + ".json"), hosts);
    // the server's page limit above the client's: the client's maxObjects decides the pages
    return Vcsim.start(
        file,
        Vcsim.Options.defaults()
            .withPageSize(Math.max(pageSize, 1_000))
            .withStartupTimeout(Duration.ofMinutes(10)));
  }

  private static void bench(Path root, Path dir, int hosts, Settings s) throws Exception {
    try (Vcsim vcsim = start(dir, hosts, s.pageSize())) {
      VcenterTarget target =
          new VcenterTarget(
              vcsim.url(),
              new TlsPolicy.Pinned(Thumbprints.parse(vcsim.thumbprint())),
              Timeouts.DEFAULTS);
      CaptureOptions capture = CaptureOptions.DEFAULTS.withPageSize(s.pageSize());
      List<String> govmomiInProcess =
          List.of(
              root.resolve(GOVMOMI).toString(),
              "--url",
              vcsim.url().toString(),
              "--thumbprint",
              vcsim.thumbprint(),
              "--page-size",
              Integer.toString(s.pageSize()),
              "--hosts",
              Integer.toString(hosts),
              "--warmup",
              "1",
              "--runs",
              "1");

      List<InProcess> ours = new ArrayList<>();
      List<Double> theirs = new ArrayList<>();
      for (int r = 0; r < s.warmup() + s.runs(); r++) {
        InProcess mine = once(target, capture, hosts);
        double go = govmomiMillis(root, dir, govmomiInProcess);
        if (r >= s.warmup()) {
          ours.add(mine);
          theirs.add(go);
        }
      }
      InProcess last = ours.get(ours.size() - 1);
      System.out.printf(
          Locale.ROOT,
          "%n%,d hosts: %,d objects, %d round trips, %.1f MB received, %.1f KB sent"
              + " per capture%n",
          hosts,
          last.objects(),
          last.roundTrips(),
          last.received() / 1e6,
          last.sent() / 1e3);
      List<Double> mineMs = ours.stream().map(InProcess::millis).toList();
      System.out.printf(Locale.ROOT, "  %-26s %22s %22s %8s%n", "", "vsguard", "govmomi", "ratio");
      System.out.printf(
          Locale.ROOT,
          "  %-26s %22s %22s %8s%n",
          "in-process capture, ms",
          spread(mineMs, "%.0f"),
          spread(theirs, "%.0f"),
          ratio(mineMs, theirs));

      if (s.wholeProcess()) {
        List<String> vsguard =
            List.of(
                root.resolve(LAUNCHER).toString(),
                "inventory",
                "export",
                "--vcenter",
                vcsim.url().toString(),
                "--thumbprint",
                vcsim.thumbprint(),
                "--out",
                dir.resolve("export.json").toString());
        // the CLI has no page-size option: both processes use vsguard's default page
        List<String> govmomi =
            List.of(
                root.resolve(GOVMOMI).toString(),
                "--url",
                vcsim.url().toString(),
                "--thumbprint",
                vcsim.thumbprint(),
                "--page-size",
                Integer.toString(CaptureOptions.DEFAULTS.pageSize()),
                "--hosts",
                Integer.toString(hosts));
        List<Finished> a = new ArrayList<>();
        List<Finished> b = new ArrayList<>();
        for (int r = 0; r < s.warmup() + s.runs(); r++) {
          Finished pa = timed(root, dir, vsguard);
          Finished pb = timed(root, dir, govmomi);
          if (r >= s.warmup()) {
            a.add(pa);
            b.add(pb);
          }
        }
        ToDoubleFunction<Finished> wall = Finished::wallSeconds;
        ToDoubleFunction<Finished> cpu = Finished::cpuSeconds;
        ToDoubleFunction<Finished> peak = p -> p.peakKib() / 1024.0;
        System.out.printf(
            Locale.ROOT,
            "  %-26s %22s %22s %8s%n",
            "whole process, s",
            spread(values(a, wall), "%.2f"),
            spread(values(b, wall), "%.2f"),
            ratio(values(a, wall), values(b, wall)));
        System.out.printf(
            Locale.ROOT,
            "  %-26s %22s %22s %8s%n",
            "whole process, CPU s",
            spread(values(a, cpu), "%.2f"),
            spread(values(b, cpu), "%.2f"),
            ratio(values(a, cpu), values(b, cpu)));
        System.out.printf(
            Locale.ROOT,
            "  %-26s %22s %22s %8s%n",
            "whole process, peak MiB",
            spread(values(a, peak), "%.0f"),
            spread(values(b, peak), "%.0f"),
            ratio(values(a, peak), values(b, peak)));
      }
    }
  }

  private static InProcess once(VcenterTarget target, CaptureOptions options, int hosts)
      throws VsphereException {
    AtomicInteger objects = new AtomicInteger();
    long begin = System.nanoTime();
    try (VsphereCapture capture = VsphereCapture.open(target)) {
      Inventory inv =
          capture.capture(new Credentials(USER, new Secret(PASSWORD)), options, objects::set);
      double millis = (System.nanoTime() - begin) / 1e6;
      if (inv.hosts().size() != hosts) {
        throw new IllegalStateException(
            "vsguard captured " + inv.hosts().size() + " hosts, expected " + hosts);
      }
      CountingRoundTrip c = capture.counter();
      return new InProcess(
          millis,
          c.roundTrips(),
          c.bytesReceived(),
          c.bytesSent(),
          objects.get(),
          inv.hosts().size());
    }
  }

  /** The Go program's own measurement of its measured capture. */
  private static double govmomiMillis(Path root, Path dir, List<String> command) throws Exception {
    String out = run(root, dir, command, "govmomi-capture");
    JsonNode line = JSON.readTree(out.strip());
    return line.path("runsMs").path(0).asDouble();
  }

  /** Runs {@code command} under GNU time; fails when the command fails. */
  private static Finished timed(Path root, Path dir, List<String> command) throws Exception {
    Path report = dir.resolve("time.txt");
    List<String> wrapped =
        new ArrayList<>(List.of(GNU_TIME, "-f", "%e %U %S %M", "-o", report.toString()));
    wrapped.addAll(command);
    run(root, dir, wrapped, Path.of(command.get(0)).getFileName().toString());
    // the last line: a command that failed has a line of its own before it
    String[] lines = Files.readString(report, StandardCharsets.UTF_8).strip().split("\n");
    String[] f = lines[lines.length - 1].strip().split("\\s+");
    return new Finished(
        Double.parseDouble(f[0]),
        Double.parseDouble(f[1]) + Double.parseDouble(f[2]),
        Long.parseLong(f[3]));
  }

  /**
   * Runs a command with the bench credentials in its environment; its stdout, or a failure with its
   * stderr.
   */
  private static String run(Path root, Path dir, List<String> command, String name)
      throws Exception {
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(root.toFile()).redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    env.put("VSGUARD_VCENTER_USER", USER);
    env.put("VSGUARD_VCENTER_PASSWORD", PASSWORD);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(name + " did not finish within 10 minutes");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          name
              + " exited "
              + p.exitValue()
              + ": "
              + Files.readString(err, StandardCharsets.UTF_8).strip());
    }
    return out;
  }

  private static void serve(Path root, Path dir, int hosts, int pageSize) throws Exception {
    try (Vcsim vcsim = start(dir, hosts, pageSize)) {
      System.out.printf(
          Locale.ROOT,
          "serving %,d hosts at %s (certificate SHA-256 %s) until stdin closes%n"
              + "  VSGUARD_VCENTER_USER=%s VSGUARD_VCENTER_PASSWORD=%s (any user logs in)%n"
              + "  %s inventory export --vcenter %s --thumbprint %s --out /tmp/export.json%n"
              + "  %s --url %s --thumbprint %s --page-size %d --hosts %d%n",
          hosts,
          vcsim.url(),
          vcsim.thumbprint(),
          USER,
          PASSWORD,
          root.resolve(LAUNCHER),
          vcsim.url(),
          vcsim.thumbprint(),
          root.resolve(GOVMOMI),
          vcsim.url(),
          vcsim.thumbprint(),
          pageSize,
          hosts);
      System.out.flush();
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  private static List<Double> values(List<Finished> runs, ToDoubleFunction<Finished> f) {
    return runs.stream().map(p -> f.applyAsDouble(p)).toList();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String spread(List<Double> values, String format) {
    double min = values.stream().min(Comparator.naturalOrder()).orElseThrow();
    double max = values.stream().max(Comparator.naturalOrder()).orElseThrow();
    return String.format(
        Locale.ROOT, format + " (" + format + ".." + format + ")", median(values), min, max);
  }

  private static String ratio(List<Double> a, List<Double> b) {
    List<Double> pairs = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      pairs.add(a.get(i) / b.get(i));
    }
    return String.format(Locale.ROOT, "%.2fx", median(pairs));
  }

  private static void requireFile(Path p, String what) {
    if (!Files.isRegularFile(p)) {
      System.err.println("capture-bench: " + p + " is missing: " + what);
      System.exit(2);
    }
  }

  private static int number(String[] args, int i, int min) {
    try {
      int v = Integer.parseInt(args[i]);
      if (v >= min) {
        return v;
      }
    } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
      // reported below
    }
    usage(
        "expected a number of at least "
            + min
            + (i < args.length ? ", got '" + args[i] + "'" : " after " + args[i - 1]));
    return 0;
  }

  private static void usage(String why) {
    System.err.println(
        "capture-bench: "
            + why
            + "\nusage: capture-bench.sh [--runs R] [--warmup W] [--page-size P]"
            + " [--in-process-only] [N ...] | --serve N");
    System.exit(2);
  }
}
