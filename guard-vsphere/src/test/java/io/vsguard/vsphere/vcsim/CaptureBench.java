package io.vsguard.vsphere.vcsim;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The capture benchmark behind {@code guard-vsphere/bench/capture-bench.sh}: for each host count,
 * a generated inventory ({@link LargeInventory}) served by vcsim over TLS, captured once to warm
 * up and then {@code runs} times; prints the median time and what one capture costs the vCenter.
 * Not a test: numbers depend on the machine.
 *
 * <p>Arguments: {@code [--runs R] [--page-size P] N...}.
 */
public final class CaptureBench {
    private CaptureBench() {
    }

    record Run(Duration time, long roundTrips, long received, long sent, int objects, int hosts) {}

    public static void main(String[] args) throws Exception {
        int runs = 3;
        int pageSize = CaptureOptions.DEFAULTS.pageSize();
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = positive(args, ++i);
                case "--page-size" -> pageSize = positive(args, ++i);
                default -> counts.add(positive(args, i));
            }
        }
        if (counts.isEmpty()) {
            counts = List.of(100, 1_000);
        }
        System.out.printf("%8s %12s %12s %12s %14s %12s %9s%n", "hosts", "median ms", "min..max ms", "round trips",
                "received B", "sent B", "objects");
        Path dir = Files.createTempDirectory("vsguard-bench-");
        try {
            for (int n : counts) {
                bench(dir, n, runs, pageSize);
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

    private static void bench(Path dir, int hosts, int runs, int pageSize) throws Exception {
        Path file = LargeInventory.write(dir.resolve("inventory-" + hosts + ".json"), hosts);
        // the server's page limit above the client's: the client's maxObjects decides the pages
        Vcsim.Options options = Vcsim.Options.defaults().withPageSize(Math.max(pageSize, 1_000))
                .withStartupTimeout(Duration.ofMinutes(10));
        try (Vcsim vcsim = Vcsim.start(file, options)) {
            VcenterTarget target = new VcenterTarget(vcsim.url(),
                    new TlsPolicy.Pinned(Thumbprints.parse(vcsim.thumbprint())), Timeouts.DEFAULTS);
            CaptureOptions capture = CaptureOptions.DEFAULTS.withPageSize(pageSize);
            once(target, capture); // warm-up: JIT, TLS session, the simulator's first sweep
            List<Run> measured = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                measured.add(once(target, capture));
            }
            List<Duration> times = measured.stream().map(Run::time).sorted().toList();
            Run last = measured.get(measured.size() - 1);
            if (last.hosts() != hosts) {
                throw new IllegalStateException("captured " + last.hosts() + " hosts, expected " + hosts);
            }
            System.out.printf("%8d %12d %12s %12d %14d %12d %9d%n", hosts, times.get(times.size() / 2).toMillis(),
                    times.get(0).toMillis() + ".." + times.get(times.size() - 1).toMillis(), last.roundTrips(),
                    last.received(), last.sent(), last.objects());
        }
    }

    private static Run once(VcenterTarget target, CaptureOptions options) throws VsphereException {
        AtomicInteger objects = new AtomicInteger();
        long begin = System.nanoTime();
        try (VsphereCapture capture = VsphereCapture.open(target)) {
            Inventory inv = capture.capture(new Credentials("bench@vsphere.local", new Secret("bench-only")), options,
                    objects::set);
            Duration time = Duration.ofNanos(System.nanoTime() - begin);
            CountingRoundTrip c = capture.counter();
            return new Run(time, c.roundTrips(), c.bytesReceived(), c.bytesSent(), objects.get(), inv.hosts().size());
        }
    }

    private static int positive(String[] args, int i) {
        try {
            int v = Integer.parseInt(args[i]);
            if (v > 0) {
                return v;
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            // reported below
        }
        System.err.println("capture-bench: expected a positive number"
                + (i < args.length ? ", got '" + args[i] + "'" : " after " + args[i - 1]));
        System.exit(2);
        return 0;
    }
}
