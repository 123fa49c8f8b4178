package io.vsguard.core.policy;

import io.vsguard.core.decision.Decisions;
import io.vsguard.core.load.InputException;
import io.vsguard.core.model.Lists;
import io.vsguard.core.rule.Exemption;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.rule.Rule;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.rules.Catalog;
import io.vsguard.core.text.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A site's policy: which rules are on and at what severity, its parameters, its accepted risks and
 * its own rules. {@code settings} maps rule ids to a severity or to empty for {@code off}. {@code
 * sha256} is how a decision names the pack (docs/spec/formats.md, section 4): every pack is read
 * from its files, the built-in one from the jar, and {@link #withParameters} derives its own.
 */
public record PolicyPack(
    String name,
    String sha256,
    Map<String, Optional<Severity>> settings,
    Parameters parameters,
    List<Exemption> exemptions,
    List<Rule> customRules) {

  /** Where the built-in pack, policies/default, is in the jar. */
  public static final String BUILT_IN_RESOURCE = "/io/vsguard/policies/default/pack.yaml";

  public PolicyPack {
    settings = Lists.copy(settings);
    exemptions = Lists.copy(exemptions);
    customRules = Lists.copy(customRules);
  }

  /**
   * The pack vsguard uses when none is given: every built-in rule at its default severity
   * (policies/default).
   */
  public static PolicyPack builtIn() {
    return BuiltIn.PACK;
  }

  /**
   * The same pack with other parameters, as {@code vsguard stage --max-wave N --soak MINUTES} uses
   * for one run. It is another policy, so it has another sha256: the SHA-256 of this pack's sha256,
   * a NUL byte, and the new parameters as JSON.
   */
  public PolicyPack withParameters(Parameters p) {
    if (p.equals(parameters)) {
      return this;
    }
    String derived = Decisions.sha256(sha256 + '\u0000' + Json.json().valueToTree(p));
    return new PolicyPack(name, derived, settings, p, exemptions, customRules);
  }

  /**
   * The built-in catalog plus the pack's own rules, without the rules switched off, sorted by id.
   */
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

  /** Read once, the first time it is asked for; it is immutable. */
  private static final class BuiltIn {
    static final PolicyPack PACK = load();

    private static PolicyPack load() {
      try (InputStream in = PolicyPack.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "the built-in policy pack is missing from the jar; rebuild vsguard");
        }
        return PolicyLoader.read(
            "default",
            List.of(new PolicyLoader.Source("policies/default/pack.yaml", in.readAllBytes())));
      } catch (IOException | InputException e) {
        throw new IllegalStateException(
            "cannot read the built-in policy pack from the jar: " + e.getMessage(), e);
      }
    }
  }
}
