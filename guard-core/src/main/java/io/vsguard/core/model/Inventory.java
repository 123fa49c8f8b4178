package io.vsguard.core.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/** What the guard knows about one vCenter at one instant (docs/spec/formats.md, section 1). */
@JsonPropertyOrder({
  "apiVersion",
  "kind",
  "capturedAt",
  "source",
  "vcenter",
  "datacenters",
  "clusters",
  "hosts",
  "distributedSwitches"
})
public record Inventory(
    String apiVersion,
    String kind,
    Instant capturedAt,
    Source source,
    VcenterPlacement vcenter,
    List<Datacenter> datacenters,
    List<Cluster> clusters,
    List<Host> hosts,
    List<DistributedSwitch> distributedSwitches) {

  public static final String API_VERSION = "vsguard/v1";
  public static final String KIND = "Inventory";

  public Inventory {
    datacenters = Lists.copy(datacenters);
    clusters = Lists.copy(clusters);
    hosts = Lists.copy(hosts);
    distributedSwitches = Lists.copy(distributedSwitches);
  }

  /**
   * Where the snapshot came from. {@code tls} says how the vCenter's identity was checked when it
   * was captured live: verified, pinned, plaintext (loopback only) or insecure; null for snapshots
   * written by hand.
   */
  @JsonPropertyOrder({"type", "url", "apiVersion", "instanceUuid", "tls"})
  public record Source(
      String type,
      String url,
      String apiVersion,
      String instanceUuid,
      @com.fasterxml.jackson.annotation.JsonInclude(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          String tls) {
    public Source(String type, String url, String apiVersion, String instanceUuid) {
      this(type, url, apiVersion, instanceUuid, null);
    }
  }

  /** The VM running the vCenter appliance and the host it runs on, when known. */
  public record VcenterPlacement(String vmName, String host) {}

  public record Datacenter(String name) {}
}
