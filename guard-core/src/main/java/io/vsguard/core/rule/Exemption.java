package io.vsguard.core.rule;

import io.vsguard.core.sim.InventoryIndex;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An accepted risk: findings of {@code rule} within {@code scope} do not count toward the verdict
 * until {@code expires} (inclusive, UTC). Kept in the decision with who approved it.
 */
public record Exemption(
    String rule,
    Scope scope,
    String justification,
    String approver,
    LocalDate expires,
    String source) {

  /**
   * Which findings it covers; every field given must match, at least one is given. {@code change}
   * names either a change of the plan ({@code c1}) or the plan itself ({@code CHG-2016-1122-01}):
   * change management approves risks per ticket, and plan-wide findings (a stale snapshot, the
   * window) belong to no single change.
   */
  public record Scope(String switchName, String host, String cluster, String change) {
    public boolean matches(Finding f, InventoryIndex idx, String planId) {
      return (switchName == null || switchName.equals(f.subject().switchName()))
          && (host == null || host.equals(f.subject().host()))
          && (change == null || change.equals(f.change()) || change.equals(planId))
          && (cluster == null
              || (f.subject().host() != null
                  && idx.clusterOf(f.subject().host()).filter(cluster::equals).isPresent()));
    }

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      if (switchName != null) {
        parts.add("switch " + switchName);
      }
      if (cluster != null) {
        parts.add("cluster " + cluster);
      }
      if (host != null) {
        parts.add("host " + host);
      }
      if (change != null) {
        parts.add("change " + change);
      }
      return String.join(", ", parts);
    }
  }

  public boolean activeOn(LocalDate today) {
    return !today.isAfter(expires);
  }

  public boolean covers(Finding f, InventoryIndex idx, String planId) {
    return Objects.equals(rule, f.rule()) && scope.matches(f, idx, planId);
  }

  public Finding.Exemption asFindingExemption() {
    return new Finding.Exemption(justification, approver, expires, scope.toString());
  }
}
