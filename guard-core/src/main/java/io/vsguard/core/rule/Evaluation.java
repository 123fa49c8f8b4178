package io.vsguard.core.rule;

import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.sim.AffectedHosts;
import io.vsguard.core.sim.Execution;
import io.vsguard.core.sim.InventoryIndex;
import java.time.Instant;
import java.util.List;

/** Everything a rule may read; built once per check. */
public record Evaluation(
    ChangePlan plan,
    InventoryIndex index,
    Parameters params,
    AffectedHosts affected,
    Execution execution,
    Instant now,
    List<Exemption> exemptions,
    Documents documents) {}
