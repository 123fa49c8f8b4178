package io.vsguard.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/** A vSphere Distributed Switch with its LACP configuration, host members and portgroups. */
@JsonPropertyOrder({
  "id",
  "uuid",
  "name",
  "datacenter",
  "version",
  "mtu",
  "uplinks",
  "lacp",
  "members",
  "portgroups"
})
public record DistributedSwitch(
    String id,
    String uuid,
    String name,
    String datacenter,
    String version,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer mtu,
    List<String> uplinks,
    Lacp lacp,
    List<Member> members,
    List<Portgroup> portgroups) {

  public DistributedSwitch {
    uplinks = Lists.copy(uplinks);
    members = Lists.copy(members);
    portgroups = Portgroups.of(portgroups);
  }

  /**
   * Enhanced LACP (any LAG) or basic LACP (a portgroup with LACP enabled), as docs/spec/formats.md,
   * section 1 defines it: the property the incident turned on.
   */
  public boolean usesLacp() {
    if (lacp != null && !lacp.lags().isEmpty()) {
      return true;
    }
    for (Portgroup pg : portgroups) {
      if (pg.lacp() != null && pg.lacp().enabled()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first member entry of {@code host}: a search of the member list. The engine reads
   * membership through {@code InventoryIndex}, which answers it in constant time.
   */
  public Optional<Member> member(String host) {
    return members.stream().filter(m -> m.host().equals(host)).findFirst();
  }

  // The lookups below run on every simulated step: portgroups by their name index (Portgroups),
  // LAGs and uplinks by plain loops over their short lists (a switch has a few of each).
  public Optional<Portgroup> portgroup(String name) {
    return Optional.ofNullable(((Portgroups) portgroups).named(name));
  }

  /** The portgroups on {@code vlan} (not the uplink portgroup), in document order. */
  public List<Portgroup> portgroupsOnVlan(int vlan) {
    return ((Portgroups) portgroups).onVlan(vlan);
  }

  public Optional<Lag> lag(String name) {
    if (lacp != null) {
      for (Lag l : lacp.lags()) {
        if (l.name().equals(name)) {
          return Optional.of(l);
        }
      }
    }
    return Optional.empty();
  }

  /** The LAG an uplink port belongs to: enhanced LACP names LAG ports {@code <lag>-<n>}. */
  public Optional<Lag> lagOfUplink(String uplink) {
    if (lacp == null || uplink == null) {
      return Optional.empty();
    }
    for (Lag l : lacp.lags()) {
      if (isPortOf(uplink, l.name())) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /** {@code <lag>-} followed by digits only (or nothing). */
  private static boolean isPortOf(String uplink, String lag) {
    int n = lag.length();
    if (uplink.length() < n + 1 || !uplink.startsWith(lag) || uplink.charAt(n) != '-') {
      return false;
    }
    for (int i = n + 1; i < uplink.length(); i++) {
      if (!Character.isDigit(uplink.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code uplink} is a standalone uplink or a port of one of this switch's LAGs. */
  public boolean hasUplinkPort(String uplink) {
    return uplinks.contains(uplink) || lagOfUplink(uplink).isPresent();
  }

  /**
   * Whether traffic of a portgroup with failover order {@code t} can use {@code uplink}: the uplink
   * (or its LAG) is active or standby, or the portgroup names no order at all.
   */
  public boolean carries(Portgroup.Teaming t, String uplink) {
    if (uplink == null) {
      return false;
    }
    if (t == null || (t.active().isEmpty() && t.standby().isEmpty())) {
      return true;
    }
    String lag = lagOfUplink(uplink).map(Lag::name).orElse(null);
    return t.active().contains(uplink)
        || t.standby().contains(uplink)
        || (lag != null && (t.active().contains(lag) || t.standby().contains(lag)));
  }

  public DistributedSwitch withMembers(List<Member> newMembers) {
    return new DistributedSwitch(
        id, uuid, name, datacenter, version, mtu, uplinks, lacp, newMembers, portgroups);
  }

  public DistributedSwitch withPortgroups(List<Portgroup> newPortgroups) {
    return new DistributedSwitch(
        id, uuid, name, datacenter, version, mtu, uplinks, lacp, members, newPortgroups);
  }

  public DistributedSwitch withLacp(Lacp newLacp) {
    return new DistributedSwitch(
        id, uuid, name, datacenter, version, mtu, uplinks, newLacp, members, portgroups);
  }

  public DistributedSwitch withVersion(String newVersion) {
    return new DistributedSwitch(
        id, uuid, name, datacenter, newVersion, mtu, uplinks, lacp, members, portgroups);
  }

  public DistributedSwitch withMtu(Integer newMtu) {
    return new DistributedSwitch(
        id, uuid, name, datacenter, version, newMtu, uplinks, lacp, members, portgroups);
  }

  /** {@code apiVersion} is singleLag (basic LACP), multipleLag (enhanced) or null. */
  public record Lacp(String apiVersion, List<Lag> lags) {
    public static final String SINGLE_LAG = "singleLag";
    public static final String MULTIPLE_LAG = "multipleLag";

    public Lacp {
      lags = Lists.copy(lags);
    }
  }

  public record Lag(String name, String mode, int uplinkCount, String loadBalancing) {}

  /** A host's membership: which of its pnics back which uplink (or LAG port). */
  public record Member(String host, List<MemberPnic> pnics) {
    public Member {
      pnics = Lists.copy(pnics);
    }
  }

  public record MemberPnic(String device, String uplink) {}
}
