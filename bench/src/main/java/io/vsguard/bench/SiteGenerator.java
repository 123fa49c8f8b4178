package io.vsguard.bench;

import io.vsguard.core.model.Cluster;
import io.vsguard.core.model.ConnectionState;
import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.DistributedSwitch.Lacp;
import io.vsguard.core.model.DistributedSwitch.Lag;
import io.vsguard.core.model.DistributedSwitch.Member;
import io.vsguard.core.model.DistributedSwitch.MemberPnic;
import io.vsguard.core.model.Host;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.model.Portgroup;
import io.vsguard.core.model.Vmkernel;
import io.vsguard.core.text.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Synthetic sites shaped like the 2016 one, at any size: clusters of hosts (32 by default) in one
 * datacenter, a source switch using LACP (enhanced: a LAG of two ports; basic: LACP on the uplink
 * portgroup; or none) that carries every host's management and vMotion vmkernels, an empty target
 * switch, the vCenter VM on one host and optionally hosts running critical VMs. With it comes the
 * dangerous plan: every host moved off the source switch straight to the target, no rollout.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.vsguard.bench.SiteGenerator --hosts 10000 --out /tmp/site-10k
 * </pre>
 *
 * writes {@code inventory.json}, {@code plan.yaml} and, with {@code --critical-vms}, {@code
 * policy.yaml} (a pack naming the critical VMs). Deterministic: the same options give the same
 * bytes.
 */
public final class SiteGenerator {
  public static final Instant CAPTURED_AT = Instant.parse("2024-01-01T00:00:00Z");
  public static final String SOURCE = "DVS-LACP-Prod";
  public static final String TARGET = "DVS-Prod-v7";
  public static final int MAX_HOSTS = 100_000;

  public enum SourceLacp {
    ENHANCED,
    BASIC,
    NONE
  }

  /**
   * @param vcenterHost 1-based index of the host running the vCenter VM, 0 for none
   * @param criticalVms how many hosts run a critical VM ({@code dns-NN}), spread over the site
   */
  public record Options(
      int hosts, int hostsPerCluster, SourceLacp lacp, int vcenterHost, int criticalVms) {
    public Options {
      if (hosts < 1 || hosts > MAX_HOSTS) {
        throw new IllegalArgumentException("--hosts must be 1 to " + MAX_HOSTS + ", not " + hosts);
      }
      if (hostsPerCluster < 1) {
        throw new IllegalArgumentException("--hosts-per-cluster must be 1 or more");
      }
      if (vcenterHost < 0 || vcenterHost > hosts) {
        throw new IllegalArgumentException(
            "--vcenter-host must be 0 (none) or a host number up to " + hosts);
      }
      if (criticalVms < 0 || criticalVms > hosts) {
        throw new IllegalArgumentException("--critical-vms must be 0 to the number of hosts");
      }
    }

    /** The site: clusters of 32, enhanced LACP, the vCenter VM on the middle host. */
    public static Options of(int hosts) {
      return new Options(hosts, 32, SourceLacp.ENHANCED, (hosts + 1) / 2, 0);
    }
  }

  private SiteGenerator() {}

  public static String hostName(int i) {
    return String.format("esx-%05d", i);
  }

  public static Inventory inventory(Options o) {
    List<Host> hosts = new ArrayList<>(o.hosts());
    List<Cluster> clusters = new ArrayList<>();
    List<Member> members = new ArrayList<>(o.hosts());
    List<String> inCluster = new ArrayList<>();
    int criticalEvery = o.criticalVms() == 0 ? 0 : Math.max(1, o.hosts() / o.criticalVms());
    int critical = 0;
    for (int i = 1; i <= o.hosts(); i++) {
      String name = hostName(i);
      String cluster = String.format("cl-%04d", (i - 1) / o.hostsPerCluster() + 1);
      List<String> vms = new ArrayList<>();
      if (o.vcenterHost() == i) {
        vms.add("vcsa-01");
      }
      if (criticalEvery > 0 && i % criticalEvery == 0 && critical < o.criticalVms()) {
        vms.add(String.format("dns-%02d", ++critical));
      }
      vms.add(String.format("app-%05d", i));
      hosts.add(
          new Host(
              "host-" + i,
              name,
              "DC1",
              cluster,
              "7.0.3",
              "21930508",
              ConnectionState.CONNECTED,
              false,
              List.of("vmnic0", "vmnic1", "vmnic2", "vmnic3"),
              List.of(),
              List.of(
                  new Vmkernel("vmk0", SOURCE, "pg-mgmt", List.of("management")),
                  new Vmkernel("vmk1", SOURCE, "pg-vmotion", List.of("vmotion"))),
              // a spread of VM counts, so the canary choice is not a tie
              8 + (i * 7) % 23,
              vms.stream().sorted().toList()));
      members.add(
          new Member(
              name,
              o.lacp() == SourceLacp.ENHANCED
                  ? List.of(new MemberPnic("vmnic0", "lag1-0"), new MemberPnic("vmnic1", "lag1-1"))
                  : List.of(
                      new MemberPnic("vmnic0", "uplink1"), new MemberPnic("vmnic1", "uplink2"))));
      inCluster.add(name);
      if (i % o.hostsPerCluster() == 0 || i == o.hosts()) {
        clusters.add(new Cluster(cluster, "DC1", true, true, 1, inCluster));
        inCluster = new ArrayList<>();
      }
    }
    Inventory.VcenterPlacement vc =
        o.vcenterHost() == 0
            ? null
            : new Inventory.VcenterPlacement("vcsa-01", hostName(o.vcenterHost()));
    return new Inventory(
        Inventory.API_VERSION,
        Inventory.KIND,
        CAPTURED_AT,
        new Inventory.Source("vcenter", "https://vc-bench.example/sdk", "7.0.3", "bench-0000"),
        vc,
        List.of(new Inventory.Datacenter("DC1")),
        clusters,
        hosts,
        List.of(source(o, members), target()));
  }

  private static DistributedSwitch source(Options o, List<Member> members) {
    List<String> uplinks = List.of("uplink1", "uplink2", "uplink3", "uplink4");
    return switch (o.lacp()) {
      case ENHANCED -> {
        Portgroup.Teaming lag = new Portgroup.Teaming("loadbalance_ip", List.of("lag1"), List.of());
        yield new DistributedSwitch(
            "dvs-21",
            null,
            SOURCE,
            "DC1",
            "7.0.0",
            null,
            uplinks,
            new Lacp(
                Lacp.MULTIPLE_LAG,
                List.of(new Lag("lag1", "active", 2, "srcDestIpTcpUdpPortVlan"))),
            members,
            List.of(
                new Portgroup("pg-mgmt", "dvportgroup-30", 10, false, lag, null),
                new Portgroup("pg-vmotion", "dvportgroup-31", 20, false, lag, null)));
      }
      case BASIC -> {
        Portgroup.Teaming ip =
            new Portgroup.Teaming("loadbalance_ip", List.of("uplink1", "uplink2"), List.of());
        yield new DistributedSwitch(
            "dvs-21",
            null,
            SOURCE,
            "DC1",
            "7.0.0",
            null,
            uplinks,
            new Lacp(Lacp.SINGLE_LAG, List.of()),
            members,
            List.of(
                new Portgroup(
                    "DVS-LACP-Prod-Uplinks",
                    "dvportgroup-29",
                    null,
                    true,
                    null,
                    new Portgroup.PortgroupLacp(true, "active")),
                new Portgroup("pg-mgmt", "dvportgroup-30", 10, false, ip, null),
                new Portgroup("pg-vmotion", "dvportgroup-31", 20, false, ip, null)));
      }
      case NONE -> {
        Portgroup.Teaming failover =
            new Portgroup.Teaming("failover_explicit", List.of("uplink1"), List.of("uplink2"));
        yield new DistributedSwitch(
            "dvs-21",
            null,
            SOURCE,
            "DC1",
            "7.0.0",
            null,
            uplinks,
            null,
            members,
            List.of(
                new Portgroup("pg-mgmt", "dvportgroup-30", 10, false, failover, null),
                new Portgroup("pg-vmotion", "dvportgroup-31", 20, false, failover, null)));
      }
    };
  }

  private static DistributedSwitch target() {
    return new DistributedSwitch(
        "dvs-22",
        null,
        TARGET,
        "DC1",
        "7.0.0",
        null,
        List.of("uplink1", "uplink2", "uplink3", "uplink4"),
        null,
        List.of(),
        List.of(
            new Portgroup("pg-mgmt-v7", "dvportgroup-40", 10, false, null, null),
            new Portgroup("pg-vmotion-v7", "dvportgroup-41", 20, false, null, null)));
  }

  /**
   * Every host off the source switch, straight to the target, no rollout: what vCenter's wizard
   * does.
   */
  public static String dangerousPlan(Options o) {
    return """
        # Generated: every host of the site moved off %s in one push, no rollout.
        apiVersion: vsguard/v1
        kind: ChangePlan
        metadata:
          id: CHG-BENCH-%d
          title: Move all %d hosts off %s to %s
          requestedBy: bench@example.org
        spec:
          changes:
            - id: c1
              action: migrate-hosts
              from: %s
              to: %s
              hosts: { all: true }
              uplinks: { vmnic0: uplink1, vmnic1: uplink2 }
              vmkernels: { vmk0: pg-mgmt-v7, vmk1: pg-vmotion-v7 }
        """
        .formatted(SOURCE, o.hosts(), o.hosts(), SOURCE, TARGET, SOURCE, TARGET);
  }

  /** A pack naming the critical VMs; the rest is the built-in default. */
  public static String policy(Options o) {
    List<String> names = new ArrayList<>();
    for (int k = 1; k <= o.criticalVms(); k++) {
      names.add(String.format("dns-%02d", k));
    }
    return """
        apiVersion: vsguard/v1
        kind: PolicyPack
        metadata: {name: bench}
        spec:
          parameters:
            criticalVms: [%s]
        """
        .formatted(String.join(", ", names));
  }

  public static void write(Options o, Path dir) throws IOException {
    Files.createDirectories(dir);
    Json.json()
        .writerWithDefaultPrettyPrinter()
        .writeValue(dir.resolve("inventory.json").toFile(), inventory(o));
    Files.writeString(dir.resolve("plan.yaml"), dangerousPlan(o), StandardCharsets.UTF_8);
    if (o.criticalVms() > 0) {
      Files.writeString(dir.resolve("policy.yaml"), policy(o), StandardCharsets.UTF_8);
    }
  }

  private static final String USAGE =
      """
      usage: SiteGenerator --hosts N --out DIR [--hosts-per-cluster 32] [--lacp enhanced|basic|none]
                           [--vcenter-host K|none] [--critical-vms M]
        writes DIR/inventory.json, DIR/plan.yaml (every host migrated off the LACP switch, no rollout)
        and, with --critical-vms, DIR/policy.yaml; the vCenter VM is on the middle host by default""";

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Integer hosts = null;
    int perCluster = 32;
    SourceLacp lacp = SourceLacp.ENHANCED;
    String vcenter = null;
    int critical = 0;
    Path dir = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("-h") || a.equals("--help")) {
          out.println(USAGE);
          return 0;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        String v = args[++i];
        switch (a) {
          case "--hosts" -> hosts = number(a, v);
          case "--hosts-per-cluster" -> perCluster = number(a, v);
          case "--lacp" -> lacp = SourceLacp.valueOf(v.toUpperCase(Locale.ROOT));
          case "--vcenter-host" -> vcenter = v;
          case "--critical-vms" -> critical = number(a, v);
          case "--out" -> dir = Path.of(v);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (hosts == null || dir == null) {
        throw new IllegalArgumentException("--hosts and --out are required");
      }
      int vc =
          vcenter == null
              ? (hosts + 1) / 2
              : vcenter.equals("none") ? 0 : number("--vcenter-host", vcenter);
      Options o = new Options(hosts, perCluster, lacp, vc, critical);
      write(o, dir);
      out.println(
          "wrote "
              + dir.resolve("inventory.json")
              + " ("
              + hosts
              + " hosts) and "
              + dir.resolve("plan.yaml"));
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("SiteGenerator: " + e.getMessage() + "\n" + USAGE);
      return 2;
    } catch (IOException e) {
      err.println("SiteGenerator: cannot write " + dir + ": " + e.getMessage());
      return 3;
    }
  }

  private static int number(String option, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a whole number, not '" + v + "'");
    }
  }
}
