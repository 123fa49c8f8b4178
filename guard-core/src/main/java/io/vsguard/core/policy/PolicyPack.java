package io.vsguard.core.policy;

import io.vsguard.core.model.Lists;
import io.vsguard.core.rule.Exemption;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.rule.Rule;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.rules.Catalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A site's policy: which rules are on and at what severity, its parameters, its accepted risks
 * and its own rules. {@code settings} maps rule ids to a severity or to empty for {@code off}.
 */
public record PolicyPack(
    String name,
    String sha256,
    Map<String, Optional<Severity>> settings,
    Parameters parameters,
    List<Exemption> exemptions,
    List<Rule> customRules) {

  public PolicyPack {
    settings = Lists.copy(settings);
    exemptions = Lists.copy(exemptions);
    customRules = Lists.copy(customRules);
  }

  /** The built-in catalog plus the pack's own rules, without the rules switched off, sorted by id. */
  public List<Rule> rules() {
    List<Rule> out = new ArrayList<>();
    for (Rule r : Catalog.builtIn()) {
      Optional<Severity> s = settings.get(r.info().id());
      if (s == null || s.isPresent()) {
        out.add(r);
      }
    }
    out.addAll(customRules);
    out.sort(Comparator.comparing(r -> r.info().id()));
    return out;
  }

  /** Severity overrides only (rules switched off are absent from {@link #rules()}). */
  public Map<String, Severity> overrides() {
    Map<String, Severity> out = new java.util.LinkedHashMap<>();
    settings.forEach((id, s) -> s.ifPresent(v -> out.put(id, v)));
    return out;
  }
}
