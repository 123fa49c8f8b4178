package io.vsguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.engine.Guard;
import io.vsguard.core.load.InputException;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.rule.Exemption;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.rule.Rule;
import io.vsguard.core.sim.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * States a rule test's fixture and expectation together: one rule, an inventory, a plan, and the
 * findings it must produce — no more, no fewer. Findings are matched by host and by a piece of text
 * that must appear in "wave W step N: message".
 */
public final class RuleTester {
  public static final String SMALL = resource("/fixtures/small-inventory.yaml");
  public static final Instant NOW = Instant.parse("2016-11-22T10:40:00Z");

  private final Rule rule;
  private String inventory = SMALL;
  private String plan;
  private Parameters params = Parameters.DEFAULTS;
  private Instant now = NOW;
  private List<Exemption> exemptions = List.of();
  private final List<String[]> expected = new ArrayList<>();

  private RuleTester(Rule rule) {
    this.rule = rule;
  }

  public static RuleTester of(Rule rule) {
    return new RuleTester(rule);
  }

  public RuleTester inventory(String yamlOrJson) {
    this.inventory = yamlOrJson;
    return this;
  }

  /** The small fixture with a textual edit, e.g. a host set to disconnected. */
  public RuleTester inventory(UnaryOperator<String> edit) {
    this.inventory = edit.apply(SMALL);
    return this;
  }

  public RuleTester plan(String yaml) {
    this.plan = yaml;
    return this;
  }

  public RuleTester params(Parameters p) {
    this.params = p;
    return this;
  }

  public RuleTester exemptions(Exemption... e) {
    this.exemptions = List.of(e);
    return this;
  }

  public RuleTester now(Instant t) {
    this.now = t;
    return this;
  }

  /**
   * Expects one finding on {@code host} (null: none) whose location and message contain {@code
   * text}.
   */
  public RuleTester expectFinding(String host, String text) {
    expected.add(new String[] {host, text});
    return this;
  }

  public List<Finding> findings() {
    try {
      Inventory inv = InventoryLoader.parse("inventory.yaml", inventory);
      ChangePlan p = PlanLoader.parse("plan.yaml", plan);
      Guard guard = new Guard(List.of(rule), params, java.util.Map.of(), exemptions);
      return guard.evaluate(p, inv, now, Deadline.NONE).findings();
    } catch (InputException e) {
      throw new AssertionError("test fixture does not load: " + e.getMessage(), e);
    }
  }

  /** Runs the rule; fails on a missing expected finding and on any unexpected one. */
  public List<Finding> check() {
    List<String[]> wanted = List.copyOf(expected);
    expected.clear();
    List<Finding> actual = new ArrayList<>(findings());
    List<Finding> all = List.copyOf(actual);
    assertThat(all)
        .allMatch(f -> f.rule().equals(rule.info().id()), "only the rule under test reports");
    for (String[] e : wanted) {
      Finding match =
          actual.stream()
              .filter(f -> Objects.equals(f.subject().host(), e[0]) && render(f).contains(e[1]))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "expected a "
                              + rule.info().id()
                              + " finding on "
                              + e[0]
                              + " containing '"
                              + e[1]
                              + "'; got:\n"
                              + describe(all)));
      actual.remove(match);
    }
    if (!actual.isEmpty()) {
      throw new AssertionError(
          "unexpected " + rule.info().id() + " findings:\n" + describe(actual));
    }
    return all;
  }

  /** Runs the rule and expects no finding at all. */
  public void expectNone() {
    expected.clear();
    check();
  }

  static String render(Finding f) {
    return (f.wave() == null ? "" : "wave " + f.wave() + " ")
        + (f.step() == null ? "" : "step " + f.step() + ": ")
        + f.message();
  }

  private static String describe(List<Finding> fs) {
    StringBuilder sb = new StringBuilder();
    fs.forEach(
        f ->
            sb.append("  [")
                .append(f.subject().host())
                .append("] ")
                .append(render(f))
                .append('\n'));
    return sb.length() == 0 ? "  (none)\n" : sb.toString();
  }

  public static String resource(String path) {
    try (InputStream in = RuleTester.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
