package io.vsguard.core.rules;

import io.vsguard.core.rule.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The built-in rules: an explicit list, no classpath scanning, sorted by id. */
public final class Catalog {
  private static final List<Rule> BUILT_IN =
      List.<Rule>of(
              new AllHostsAtOnce(),
              new CanaryFirst(),
              new ClusterCapacity(),
              new ExemptionExpired(),
              new HostNotConnected(),
              new IrreversibleUpgrade(),
              new LacpDirectMigration(),
              new LagGlobalChange(),
              new LagPnicFit(),
              new MaintenanceRequired(),
              new ManagementConnectivity(),
              new ManagementVlanChange(),
              new OutsideWindow(),
              new RolloutIncomplete(),
              new RolloutStepInvalid(),
              new SinglelagDeprecated(),
              new StandardPortgroupAssumed(),
              new StaleInventory(),
              new SwitchVersionCompat(),
              new SwitchWideChange(),
              new TeamingLagMix(),
              new UnknownReference(),
              new VcenterHostLast(),
              new VmNetworkLost(),
              new VmNetworkMismatch(),
              new VmkernelMtuDrop(),
              new VmkernelVlanChange(),
              new VsanMtuDrop())
          .stream()
          .sorted(Comparator.comparing(r -> r.info().id()))
          .toList();

  private Catalog() {}

  public static List<Rule> builtIn() {
    return BUILT_IN;
  }

  public static Optional<Rule> find(String id) {
    return BUILT_IN.stream().filter(r -> r.info().id().equals(id)).findFirst();
  }

  /** The rule's documentation page (Markdown), shipped as a resource next to the classes. */
  public static Optional<String> docs(String id) {
    try (InputStream in = Catalog.class.getResourceAsStream("/io/vsguard/rules/" + id + ".md")) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read the docs of rule " + id, e);
    }
  }
}
