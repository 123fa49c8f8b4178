package io.vsguard.core.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Optional;

/**
 * One host-local operation of a rollout, as the simulation applies it (docs/spec/formats.md,
 * section 2). Each op's name is its record's {@link JsonTypeName}, spelled nowhere else.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "op")
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Step
    permits Step.EnterMaintenance,
        Step.ExitMaintenance,
        Step.CreateStandardSwitch,
        Step.RemoveStandardSwitch,
        Step.MovePnic,
        Step.MoveVmkernel,
        Step.MoveVmAdapters,
        Step.RemoveFromSwitch,
        Step.AddToSwitch,
        Step.ReconfigureSwitch,
        Step.Verify {

  /** Every op, in the order of the permits clause (the order error messages list them in). */
  List<String> OPS = TypeNames.of(Step.class);

  /** The op name as written in plans. */
  @JsonIgnore
  default String op() {
    return TypeNames.name(getClass());
  }

  /**
   * The distributed switch this step names, if any: a pnic or vmkernel adapter moving onto one, or
   * the host joining or leaving one. A standard switch is the host's own and is not named here.
   */
  @JsonIgnore
  default Optional<String> distributedSwitch() {
    return Optional.empty();
  }

  /** A short human form, e.g. {@code move-pnic vmnic2 -> standard:vSwitch-mig}. */
  @JsonIgnore
  String describe();

  @JsonTypeName("enter-maintenance")
  record EnterMaintenance() implements Step {
    @Override
    public String describe() {
      return op();
    }
  }

  @JsonTypeName("exit-maintenance")
  record ExitMaintenance() implements Step {
    @Override
    public String describe() {
      return op();
    }
  }

  /**
   * A standard switch on the host. {@code mtu} and {@code portgroups} say what it must carry (each
   * portgroup's VLAN and the pnic it uses); a plan written before they existed leaves them out, and
   * the simulation then assumes each portgroup mirrors the one its adapter comes from
   * (docs/spec/formats.md, section 2).
   */
  @JsonTypeName("create-standard-switch")
  @JsonPropertyOrder({"op", "switch", "mtu", "portgroups"})
  record CreateStandardSwitch(
      @JsonProperty("switch") String switchName,
      Integer mtu,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StandardPortgroup> portgroups)
      implements Step {
    public CreateStandardSwitch {
      portgroups = portgroups == null ? List.of() : List.copyOf(portgroups);
    }

    /**
     * A switch the plan says nothing about beyond its name (the form before portgroups existed).
     */
    public CreateStandardSwitch(String switchName) {
      this(switchName, null, List.of());
    }

    /** True when the plan names what the switch carries. */
    @JsonIgnore
    public boolean specified() {
      return mtu != null || !portgroups.isEmpty();
    }

    @Override
    public String describe() {
      return op()
          + " "
          + switchName
          + (mtu == null ? "" : " mtu " + mtu)
          + (portgroups.isEmpty()
              ? ""
              : ", " + portgroups.size() + (portgroups.size() == 1 ? " portgroup" : " portgroups"));
    }
  }

  /**
   * A portgroup a {@code create-standard-switch} creates: its VLAN (0 untagged, 1–4094, 4095 all)
   * and, optionally, the one pnic it uses (null: every pnic of the switch, ESXi's default).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"name", "vlan", "uplink"})
  record StandardPortgroup(String name, int vlan, String uplink) {}

  @JsonTypeName("remove-standard-switch")
  record RemoveStandardSwitch(@JsonProperty("switch") String switchName) implements Step {
    @Override
    public String describe() {
      return op() + " " + switchName;
    }
  }

  /** {@code uplink} (optional) is the uplink or LAG port the pnic backs on a distributed target. */
  @JsonTypeName("move-pnic")
  record MovePnic(String pnic, SwitchRef to, String uplink) implements Step {
    @Override
    public Optional<String> distributedSwitch() {
      return to.distributed() ? Optional.of(to.name()) : Optional.empty();
    }

    @Override
    public String describe() {
      return op() + " " + pnic + " -> " + to + (uplink == null ? "" : " (" + uplink + ")");
    }
  }

  /**
   * {@code vlan} (optional, standard targets only) is the VLAN of the portgroup the move creates
   * when the switch does not have it yet, as vCenter's migration wizard asks for it.
   */
  @JsonTypeName("move-vmkernel")
  @JsonPropertyOrder({"op", "vmk", "to", "portgroup", "vlan"})
  record MoveVmkernel(String vmk, SwitchRef to, String portgroup, Integer vlan) implements Step {
    public MoveVmkernel(String vmk, SwitchRef to, String portgroup) {
      this(vmk, to, portgroup, null);
    }

    @Override
    public Optional<String> distributedSwitch() {
      return to.distributed() ? Optional.of(to.name()) : Optional.empty();
    }

    @Override
    public String describe() {
      return op()
          + " "
          + vmk
          + " -> "
          + to
          + " / "
          + portgroup
          + (vlan == null ? "" : " (vlan " + vlan + ")");
    }
  }

  /**
   * Reconnects every network adapter of the host's VMs that is on {@code from} / {@code portgroup}
   * to {@code to} / {@code toPortgroup} (the same name when absent): the vSphere Client's "Migrate
   * VM networking", limited to the VMs on this host. What keeps running VMs on their network when
   * the host goes through the change without maintenance mode.
   */
  @JsonTypeName("move-vm-adapters")
  @JsonPropertyOrder({"op", "from", "portgroup", "to", "toPortgroup"})
  record MoveVmAdapters(SwitchRef from, String portgroup, SwitchRef to, String toPortgroup)
      implements Step {
    /** The portgroup the adapters land on. */
    public String target() {
      return toPortgroup != null ? toPortgroup : portgroup;
    }

    @Override
    public Optional<String> distributedSwitch() {
      return to.distributed()
          ? Optional.of(to.name())
          : from.distributed() ? Optional.of(from.name()) : Optional.empty();
    }

    @Override
    public String describe() {
      return op() + " " + from + " / " + portgroup + " -> " + to + " / " + target();
    }
  }

  @JsonTypeName("remove-from-switch")
  record RemoveFromSwitch(@JsonProperty("switch") String switchName) implements Step {
    @Override
    public Optional<String> distributedSwitch() {
      return Optional.of(switchName);
    }

    @Override
    public String describe() {
      return op() + " " + switchName;
    }
  }

  @JsonTypeName("add-to-switch")
  record AddToSwitch(@JsonProperty("switch") String switchName) implements Step {
    @Override
    public Optional<String> distributedSwitch() {
      return Optional.of(switchName);
    }

    @Override
    public String describe() {
      return op() + " " + switchName;
    }
  }

  /** This host's share of a switch-wide change, named by the change's id. */
  @JsonTypeName("reconfigure-switch")
  record ReconfigureSwitch(String change) implements Step {
    @Override
    public String describe() {
      return op() + " " + change;
    }
  }

  @JsonTypeName("verify")
  record Verify() implements Step {
    @Override
    public String describe() {
      return op();
    }
  }
}
