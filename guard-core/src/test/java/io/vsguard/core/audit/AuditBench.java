package io.vsguard.core.audit;

import io.vsguard.core.check.Checker;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.policy.PolicyLoader;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.text.Json;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The audit benchmark behind {@code guard-core/bench/audit-bench.sh}: how fast decisions are
 * recorded (each append forced to disk), how fast a log is verified, and what the paged and
 * incremental reads cost on a large log. The record is the 2016 incident's decision, as check
 * records it. Each measure follows a warm-up (50 appends; one untimed verify when it runs more than
 * once). Not a test: the numbers depend on the machine and its disk.
 *
 * <p>Arguments: {@code [--appends N] [--log-mb M] [--runs R] [--dir DIR]}.
 */
public final class AuditBench {
  private AuditBench() {}

  public static void main(String[] args) throws Exception {
    int appends = 300;
    int logMb = 100;
    int runs = 3;
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--appends" -> appends = Integer.parseInt(args[++i]);
        case "--log-mb" -> logMb = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + "; expected --appends N, --log-mb M, --runs R, --dir DIR");
      }
    }
    Path work =
        Files.createTempDirectory(
            dir == null ? Path.of(System.getProperty("java.io.tmpdir")) : dir,
            "vsguard-audit-bench-");
    try {
      AuditEntry entry = incident();
      AuditSigner key = AuditSigner.generate();
      String sample =
          Json.json()
              .writeValueAsString(
                  new AuditRecord(
                      1,
                      Instant.now(),
                      entry.actor(),
                      entry.plan(),
                      entry.inventorySource(),
                      entry.policy(),
                      null,
                      entry.decision(),
                      AuditRecord.GENESIS,
                      null));
      System.out.printf(
          "record: the incident's decision, %d bytes (%d findings); log directory %s%n",
          sample.length() + 150, entry.decision().findings().size(), work);
      System.out.printf(
          "%n%-34s %12s %14s %14s%n", "appends (each fsync'd)", "appends/s", "median ms", "p99 ms");
      appendBench("1 writer, unsigned", work.resolve("a1.jsonl"), null, entry, appends, 1);
      appendBench("1 writer, signed (Ed25519)", work.resolve("a2.jsonl"), key, entry, appends, 1);
      appendBench("4 writers, signed", work.resolve("a3.jsonl"), key, entry, appends, 4);

      Path unsigned = work.resolve("unsigned.jsonl");
      Path signed = work.resolve("signed.jsonl");
      long records = bulk(unsigned, null, sample, logMb);
      bulk(signed, key, sample, logMb);
      double mb = Files.size(signed) / 1e6;
      System.out.printf(
          "%n%-34s %12s %14s %14s%n",
          "verify a " + Math.round(mb) + " MB log (" + records + " records)",
          "MB/s",
          "median ms",
          "records/s");
      VerifyOptions withKey = new VerifyOptions(List.of(key.publicKey()), null, false);
      VerifyOptions every = new VerifyOptions(List.of(key.publicKey()), null, true);
      verifyBench(
          "chain only (unsigned log)",
          new JsonlAuditStore(unsigned),
          VerifyOptions.NONE,
          runs,
          records);
      verifyBench(
          "--public-key (last signature)", new JsonlAuditStore(signed), withKey, runs, records);
      verifyBench("--every-signature", new JsonlAuditStore(signed), every, 1, records);

      JsonlAuditStore store = new JsonlAuditStore(signed, Clock.systemUTC(), key);
      System.out.printf("%n%-34s %12s%n", "reads on that log", "median ms");
      timed(
          "newest 100 decisions (web view)",
          runs,
          () -> store.page(PageRequest.newestFirst(AuditQuery.ALL, 100)));
      timed(
          "100 decisions after the middle",
          runs,
          () -> store.page(PageRequest.oldestFirst(AuditQuery.ALL, 100).at(records / 2)));
      String lastId = store.page(PageRequest.newestFirst(AuditQuery.ALL, 1)).records().get(0).id();
      timed("one decision by id (the last)", runs, () -> store.find(lastId));
      ChainMonitor monitor =
          new ChainMonitor(store, withKey, Clock.systemUTC(), Duration.ofDays(1));
      timed("web view header, first look", 1, monitor::current);
      List<Double> looks = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        store.append(entry);
        long t = System.nanoTime();
        monitor.current();
        looks.add((System.nanoTime() - t) / 1e6);
      }
      System.out.printf("%-34s %12.1f%n", "web view header after an append", median(looks));
    } finally {
      try (var files = Files.list(work)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(work);
    }
  }

  /** The incident's decision, as check records it. */
  static AuditEntry incident() throws Exception {
    Path root = Path.of(System.getProperty("vsguard.root", "."));
    byte[] planRaw = Files.readAllBytes(root.resolve("examples/incident/plan.yaml"));
    byte[] invRaw = Files.readAllBytes(root.resolve("examples/incident/inventory.json"));
    ChangePlan plan = PlanLoader.read("plan.yaml", planRaw);
    Inventory inv = InventoryLoader.read("inventory.json", invRaw);
    Checker checker = Checker.of(PolicyLoader.load(root.resolve("policies/default")));
    Decision d =
        checker.check(
            Inputs.of(plan, planRaw, inv, invRaw),
            Instant.parse("2016-11-22T10:40:00Z"),
            Deadline.NONE);
    return new AuditEntry(
        AuditRecord.Actor.apiToken("ci-pipeline"),
        AuditRecord.PlanInfo.of(plan),
        new AuditRecord.InventorySource("file", "/srv/inventory.json"),
        new AuditRecord.PolicyInfo(d.policy().name(), d.policy().sha256(), "built-in"),
        d);
  }

  private static void appendBench(
      String label, Path file, AuditSigner key, AuditEntry entry, int n, int threads)
      throws Exception {
    JsonlAuditStore store = new JsonlAuditStore(file, Clock.systemUTC(), key);
    for (int i = 0; i < 50; i++) {
      store.append(entry);
    }
    List<Double> ms = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int share = n / threads;
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < share; i++) {
                  long t0 = System.nanoTime();
                  store.append(entry);
                  ms.add((System.nanoTime() - t0) / 1e6);
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    List<Double> sorted = new ArrayList<>(ms);
    Collections.sort(sorted);
    System.out.printf(
        "%-34s %12.0f %14.2f %14.2f%n",
        label,
        sorted.size() / seconds,
        median(sorted),
        sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)));
  }

  /** A chained (and, with a key, signed) log of about {@code mb} MB, written in one go. */
  private static long bulk(Path file, AuditSigner key, String sampleBody, int mb) throws Exception {
    long target = mb * 1_000_000L;
    String prev = AuditRecord.GENESIS;
    long seq = 0;
    long size = 0;
    String afterSeq = sampleBody.substring(sampleBody.indexOf(','));
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      while (size < target) {
        seq++;
        String body =
            "{\"seq\":"
                + seq
                + afterSeq
                    .replaceFirst("\"prev\":\"[0-9a-f]{64}\"", "\"prev\":\"" + prev + "\"")
                    .replaceFirst(
                        "\"decisionId\":\"[^\"]+\"", "\"decisionId\":\"bench-" + seq + "\"");
        String line = SealedLine.seal(body, key);
        prev = SealedLine.parse(line).sha256();
        w.write(line);
        w.write('\n');
        size += line.length() + 1;
      }
    }
    return seq;
  }

  private static void verifyBench(
      String label, JsonlAuditStore store, VerifyOptions o, int runs, long records)
      throws Exception {
    List<Double> ms = new ArrayList<>();
    if (runs > 1) {
      store.verify(o);
    }
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      Verification v = store.verify(o);
      ms.add((System.nanoTime() - t) / 1e6);
      if (!(v instanceof Verification.Intact)) {
        throw new IllegalStateException("the generated log does not verify: " + v);
      }
    }
    double med = median(ms);
    System.out.printf(
        "%-34s %12.1f %14.0f %14.0f%n",
        label, Files.size(store.file()) / 1e6 / (med / 1000), med, records / (med / 1000));
  }

  private interface Step {
    Object run() throws Exception;
  }

  private static void timed(String label, int runs, Step step) throws Exception {
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      step.run();
      ms.add((System.nanoTime() - t) / 1e6);
    }
    System.out.printf("%-34s %12.1f%n", label, median(ms));
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
