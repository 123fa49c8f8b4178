package io.vsguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load client for {@code vsguard serve}: N clients, each sending {@code POST
 * /v1/checks} with the same body and waiting for the answer before the next, as pipelines asking
 * one guard do. Prints checks per second, p50 and p99 latency and the answers' status codes. A
 * warm-up period comes first and is not counted (the server's JIT).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.vsguard.bench.ServeLoad --url http://127.0.0.1:8443 \
 *     --token-file T --plan plan.yaml --inventory inventory.json --clients 4 --seconds 20
 * </pre>
 *
 * The body is {@code {"plan": …, "inventory": …}} built once from the two files (the plan may be
 * YAML). Only the JDK's HTTP client: nothing in the client should be the bottleneck. With {@code
 * --server-pid} it also prints the server's CPU time per check (Linux /proc).
 */
public final class ServeLoad {
  private ServeLoad() {}

  public record Result(
      long checks,
      double seconds,
      long p50Micros,
      long p99Micros,
      long maxMicros,
      Map<Integer, Long> statuses) {
    double perSecond() {
      return checks / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = options(args);
    URI url = URI.create(opt.getOrDefault("--url", "http://127.0.0.1:8443") + "/v1/checks");
    String token = Files.readString(Path.of(required(opt, "--token-file"))).strip();
    token = token.substring(token.indexOf(':') + 1);
    byte[] body = body(Path.of(required(opt, "--plan")), Path.of(required(opt, "--inventory")));
    int clients = Integer.parseInt(opt.getOrDefault("--clients", "1"));
    double warmup = Double.parseDouble(opt.getOrDefault("--warmup", "10"));
    double seconds = Double.parseDouble(opt.getOrDefault("--seconds", "20"));
    String pid = opt.get("--server-pid");
    run(url, token, body, clients, warmup);
    long cpu0 = cpuMillis(pid);
    Result r = run(url, token, body, clients, seconds);
    long cpu = cpuMillis(pid) - cpu0;
    print(
        System.out,
        opt.getOrDefault("--label", ""),
        clients,
        body.length,
        r,
        pid == null || r.checks() == 0 ? -1 : (double) cpu / r.checks());
  }

  /**
   * The server's CPU time (user + system, all its threads) so far, from /proc; -1 without a pid.
   * CPU per check is what a loaded machine changes least: the throughput of a quiet machine with C
   * cores is about C / (CPU per check) once the clients keep every core busy.
   */
  static long cpuMillis(String pid) throws java.io.IOException {
    if (pid == null) {
      return -1;
    }
    String stat = Files.readString(Path.of("/proc", pid, "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime: fields 14 and 15
    return ticks * 10; // USER_HZ is 100 on Linux
  }

  /** The request body: the plan (YAML or JSON) and the inventory as members of one JSON object. */
  static byte[] body(Path plan, Path inventory) throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode p = new YAMLMapper().readTree(plan.toFile());
    JsonNode i = json.readTree(inventory.toFile());
    ObjectNode root = json.createObjectNode();
    root.set("plan", p);
    root.set("inventory", i);
    return json.writeValueAsBytes(root);
  }

  /**
   * {@code clients} threads sending for {@code seconds}; latencies of answers that began in time.
   */
  static Result run(URI url, String token, byte[] body, int clients, double seconds)
      throws InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(120))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    List<long[]> perClient = new ArrayList<>();
    Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      long[][] mine = {new long[1024]};
      int[] n = {0};
      Thread t =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  int status;
                  try {
                    status =
                        http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                  } catch (Exception e) {
                    status = -1;
                  }
                  long us = (System.nanoTime() - t0) / 1000;
                  statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                  if (n[0] == mine[0].length) {
                    mine[0] = Arrays.copyOf(mine[0], n[0] * 2);
                  }
                  mine[0][n[0]++] = us;
                }
                synchronized (perClient) {
                  perClient.add(Arrays.copyOf(mine[0], n[0]));
                }
              },
              "client-" + c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double took = (System.nanoTime() - start) / 1e9;
    long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    Map<Integer, Long> byStatus = new TreeMap<>();
    statuses.forEach((k, v) -> byStatus.put(k, v.get()));
    return new Result(
        all.length,
        took,
        percentile(all, 50),
        percentile(all, 99),
        all.length == 0 ? 0 : all[all.length - 1],
        byStatus);
  }

  static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  static void print(
      PrintStream out, String label, int clients, int bodyBytes, Result r, double cpuPerCheck) {
    out.printf(
        Locale.ROOT,
        "| %s | %d | %.1f | %.1f ms | %.1f ms | %.1f ms | %s | %d checks, %.1f s, body %.2f MB,"
            + " status %s |%n",
        label,
        clients,
        r.perSecond(),
        r.p50Micros() / 1000.0,
        r.p99Micros() / 1000.0,
        r.maxMicros() / 1000.0,
        cpuPerCheck < 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", cpuPerCheck),
        r.checks(),
        r.seconds(),
        bodyBytes / 1e6,
        r.statuses());
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException(
            "usage: ServeLoad --token-file F --plan P --inventory I [--url U]"
                + " [--clients N] [--warmup S] [--seconds S] [--label L] [--server-pid PID]");
      }
      m.put(args[i], args[++i]);
    }
    return m;
  }

  private static String required(Map<String, String> opt, String name) {
    String v = opt.get(name);
    if (v == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return v;
  }
}
