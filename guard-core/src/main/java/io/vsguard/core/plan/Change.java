package io.vsguard.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.vsguard.core.model.Lists;
import io.vsguard.core.model.Portgroup.Teaming;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One intent of a change plan. The list of actions is closed in vsguard/v1; each action's name is
 * its record's {@link JsonTypeName}, spelled nowhere else.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "action")
@JsonPropertyOrder({"id", "action"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public sealed interface Change
    permits Change.MigrateHosts,
        Change.AddHosts,
        Change.RemoveHosts,
        Change.UpgradeSwitch,
        Change.ConvertLacp,
        Change.ReconfigureLag,
        Change.SetTeaming,
        Change.SetMtu,
        Change.SetVlan {

  /** Every action, in the order of the permits clause (the order error messages list them in). */
  List<String> ACTIONS = TypeNames.of(Change.class);

  String id();

  /** The action name as written in plans. */
  default String action() {
    return TypeNames.name(getClass());
  }

  /** The distributed switches this change reads or writes, in plan order. */
  List<String> distributedSwitches();

  /**
   * True for changes that vCenter writes to every member host at once, by nature (a switch version,
   * MTU, teaming, VLAN, LAG or LACP setting): no rollout can stage them host by host, so the
   * simulation applies each once, at switch level (docs/spec/formats.md, section 2).
   */
  default boolean switchWide() {
    return false;
  }

  /**
   * Move pnics and vmkernel adapters of the selected hosts from one switch to another. {@code
   * readdress} names the vmkernel adapters whose network is meant to change, with the VLAN they
   * land on: a management VLAN change the plan does not declare there is refused.
   */
  @JsonTypeName("migrate-hosts")
  @JsonPropertyOrder({"id", "action", "from", "to", "hosts", "uplinks", "vmkernels", "readdress"})
  record MigrateHosts(
      String id,
      SwitchRef from,
      SwitchRef to,
      HostSelector hosts,
      Map<String, String> uplinks,
      Map<String, String> vmkernels,
      Map<String, Readdress> readdress)
      implements Change {
    public MigrateHosts {
      uplinks = Lists.copy(uplinks);
      vmkernels = Lists.copy(vmkernels);
      readdress = Lists.copy(readdress);
    }

    /** A migration that re-addresses nothing. */
    public MigrateHosts(
        String id,
        SwitchRef from,
        SwitchRef to,
        HostSelector hosts,
        Map<String, String> uplinks,
        Map<String, String> vmkernels) {
      this(id, from, to, hosts, uplinks, vmkernels, Map.of());
    }

    @Override
    public List<String> distributedSwitches() {
      return java.util.stream.Stream.of(from, to)
          .filter(SwitchRef::distributed)
          .map(SwitchRef::name)
          .distinct()
          .toList();
    }
  }

  /**
   * An intended re-addressing of a vmkernel adapter: the VLAN it moves to and, optionally, the
   * subnet its new addresses come from (documentation for whoever re-addresses the hosts).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Readdress(int vlan, String subnet) {}

  /** Join hosts to a distributed switch, with a pnic → uplink map. */
  @JsonTypeName("add-hosts")
  record AddHosts(
      String id,
      @JsonProperty("switch") String switchName,
      HostSelector hosts,
      Map<String, String> pnics)
      implements Change {
    public AddHosts {
      pnics = Lists.copy(pnics);
    }

    @Override
    public List<String> distributedSwitches() {
      return List.of(switchName);
    }
  }

  @JsonTypeName("remove-hosts")
  record RemoveHosts(String id, @JsonProperty("switch") String switchName, HostSelector hosts)
      implements Change {
    @Override
    public List<String> distributedSwitches() {
      return List.of(switchName);
    }
  }

  @JsonTypeName("upgrade-switch")
  record UpgradeSwitch(String id, @JsonProperty("switch") String switchName, String version)
      implements Change {
    @Override
    public List<String> distributedSwitches() {
      return List.of(switchName);
    }

    @Override
    public boolean switchWide() {
      return true;
    }
  }

  /** Basic (singleLag) → enhanced (multipleLag) LACP. */
  @JsonTypeName("convert-lacp")
  record ConvertLacp(String id, @JsonProperty("switch") String switchName, String to)
      implements Change {
    @Override
    public List<String> distributedSwitches() {
      return List.of(switchName);
    }

    @Override
    public boolean switchWide() {
      return true;
    }
  }

  @JsonTypeName("reconfigure-lag")
  record ReconfigureLag(
      String id, @JsonProperty("switch") String switchName, String lag, LagSettings set)
      implements Change {
    @Override
    public List<String> distributedSwitches() {
      return List.of(switchName);
    }

    @Override
    public boolean switchWide() {
      return true;
    }
  }

  /** The LAG fields a reconfigure-lag sets; null fields stay as they are. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record LagSettings(String mode, Integer uplinkCount, String loadBalancing) {}

  @JsonTypeName("set-teaming")
  record SetTeaming(
      String id, @JsonProperty("switch") String switchName, String portgroup, Teaming teaming)
      implements Change {
    @Override
    public List<String> distributedSwitches() {
      return List.of(switchName);
    }

    @Override
    public boolean switchWide() {
      return true;
    }
  }

  @JsonTypeName("set-mtu")
  record SetMtu(String id, @JsonProperty("switch") String switchName, int mtu) implements Change {
    @Override
    public List<String> distributedSwitches() {
      return List.of(switchName);
    }

    @Override
    public boolean switchWide() {
      return true;
    }
  }

  /** A distributed portgroup's VLAN: one VLAN id, 0 for untagged. */
  @JsonTypeName("set-vlan")
  record SetVlan(String id, @JsonProperty("switch") String switchName, String portgroup, int vlan)
      implements Change {
    @Override
    public List<String> distributedSwitches() {
      return List.of(switchName);
    }

    @Override
    public boolean switchWide() {
      return true;
    }
  }

  /** The host selector of changes that have one. */
  default Optional<HostSelector> hostSelector() {
    if (this instanceof MigrateHosts m) {
      return Optional.of(m.hosts());
    }
    if (this instanceof AddHosts a) {
      return Optional.of(a.hosts());
    }
    if (this instanceof RemoveHosts r) {
      return Optional.of(r.hosts());
    }
    return Optional.empty();
  }
}
