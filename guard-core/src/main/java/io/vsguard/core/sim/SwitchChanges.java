package io.vsguard.core.sim;

import io.vsguard.core.model.DistributedSwitch;
import io.vsguard.core.model.DistributedSwitch.Lacp;
import io.vsguard.core.model.DistributedSwitch.Lag;
import io.vsguard.core.model.Portgroup;
import io.vsguard.core.plan.Change;
import java.util.List;

/** The effect of a switch-wide change on a distributed switch's configuration. */
final class SwitchChanges {
  private SwitchChanges() {}

  static DistributedSwitch apply(DistributedSwitch sw, Change change) {
    if (change instanceof Change.UpgradeSwitch u) {
      return sw.withVersion(u.version());
    }
    if (change instanceof Change.SetMtu m) {
      return sw.withMtu(m.mtu());
    }
    if (change instanceof Change.SetTeaming t) {
      List<Portgroup> pgs =
          sw.portgroups().stream()
              .map(pg -> pg.name().equals(t.portgroup()) ? pg.withTeaming(t.teaming()) : pg)
              .toList();
      return sw.withPortgroups(pgs);
    }
    if (change instanceof Change.SetVlan v) {
      List<Portgroup> pgs =
          sw.portgroups().stream()
              .map(pg -> pg.name().equals(v.portgroup()) ? pg.withVlan(v.vlan()) : pg)
              .toList();
      return sw.withPortgroups(pgs);
    }
    if (change instanceof Change.ConvertLacp c) {
      List<Lag> lags = sw.lacp() == null ? List.of() : sw.lacp().lags();
      return sw.withLacp(new Lacp(c.to(), lags));
    }
    if (change instanceof Change.ReconfigureLag r) {
      if (sw.lacp() == null) {
        return sw;
      }
      List<Lag> lags =
          sw.lacp().lags().stream()
              .map(
                  l ->
                      !l.name().equals(r.lag())
                          ? l
                          : new Lag(
                              l.name(),
                              r.set().mode() != null ? r.set().mode() : l.mode(),
                              r.set().uplinkCount() != null
                                  ? r.set().uplinkCount()
                                  : l.uplinkCount(),
                              r.set().loadBalancing() != null
                                  ? r.set().loadBalancing()
                                  : l.loadBalancing()))
              .toList();
      return sw.withLacp(new Lacp(sw.lacp().apiVersion(), lags));
    }
    throw new IllegalArgumentException(change.action() + " is not a switch-wide change");
  }
}
