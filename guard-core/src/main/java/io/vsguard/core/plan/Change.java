package io.vsguard.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.vsguard.core.model.Lists;
import io.vsguard.core.model.Portgroup.Teaming;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One intent of a change plan. The list of actions is closed in vsguard/v1. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "action")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Change.MigrateHosts.class, name = "migrate-hosts"),
    @JsonSubTypes.Type(value = Change.AddHosts.class, name = "add-hosts"),
    @JsonSubTypes.Type(value = Change.RemoveHosts.class, name = "remove-hosts"),
    @JsonSubTypes.Type(value = Change.UpgradeSwitch.class, name = "upgrade-switch"),
    @JsonSubTypes.Type(value = Change.ConvertLacp.class, name = "convert-lacp"),
    @JsonSubTypes.Type(value = Change.ReconfigureLag.class, name = "reconfigure-lag"),
    @JsonSubTypes.Type(value = Change.SetTeaming.class, name = "set-teaming"),
    @JsonSubTypes.Type(value = Change.SetMtu.class, name = "set-mtu")})
@JsonPropertyOrder({"id", "action"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public sealed interface Change {

  List<String> ACTIONS = List.of("migrate-hosts", "add-hosts", "remove-hosts", "upgrade-switch",
      "convert-lacp", "reconfigure-lag", "set-teaming", "set-mtu");

  String id();

  /** The action name as written in plans. */
  default String action() {
    return getClass().getAnnotation(Action.class).value();
  }

  /** The distributed switches this change reads or writes, in plan order. */
  List<String> distributedSwitches();

  /** True for changes that land on every member host at once (switch-wide configuration). */
  default boolean switchWide() {
    return false;
  }

  /** Move pnics and vmkernel adapters of the selected hosts from one switch to another. */
  @Action("migrate-hosts")
  record MigrateHosts(String id, SwitchRef from, SwitchRef to, HostSelector hosts,
      Map<String, String> uplinks, Map<String, String> vmkernels) implements Change {
    public MigrateHosts {
      uplinks = Lists.copy(uplinks);
      vmkernels = Lists.copy(vmkernels);
    }

    @Override
    public List<String> distributedSwitches() {
      return java.util.stream.Stream.of(from, to).filter(SwitchRef::distributed)
          .map(SwitchRef::name).distinct().toList();
    }
  }

  /** Join hosts to a distributed switch, with a pnic → uplink map. */
  @Action("add-hosts")
  record AddHosts(String id, @JsonProperty("switch") String switchName, HostSelector hosts,
      Map<String, String> pnics) implements Change {
    public AddHosts {
      pnics = Lists.copy(pnics);
    }

    @Override
    public List<String> distributedSwitches() {
      return List.of(switchName);
    }
  }

  @Action("remove-hosts")
  record RemoveHosts(String id, @JsonProperty("switch") String switchName, HostSelector hosts)
      implements Change {
    @Override
    public List<String> distributedSwitches() {
      return List.of(switchName);
    }
  }

  @Action("upgrade-switch")
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
  @Action("convert-lacp")
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

  @Action("reconfigure-lag")
  record ReconfigureLag(String id, @JsonProperty("switch") String switchName, String lag,
      LagSettings set) implements Change {
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

  @Action("set-teaming")
  record SetTeaming(String id, @JsonProperty("switch") String switchName, String portgroup,
      Teaming teaming) implements Change {
    @Override
    public List<String> distributedSwitches() {
      return List.of(switchName);
    }

    @Override
    public boolean switchWide() {
      return true;
    }
  }

  @Action("set-mtu")
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

  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
  @interface Action {
    String value();
  }
}
