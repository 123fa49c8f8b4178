package io.vsguard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.rule.Rule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.text.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The decision as SARIF 2.1.0, so code-scanning dashboards show a change plan's findings next to
 * the plan file: block is an error, warn a warning, info a note, an exempted finding a suppressed
 * result with its justification and approver. The verdict and decision id ride in the run's
 * properties; an ERROR decision is an unsuccessful invocation.
 */
final class SarifReport {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final String planFile;
  private final List<Rule> rules;

  SarifReport(String planFile, List<Rule> rules) {
    this.planFile = planFile;
    this.rules = List.copyOf(rules);
  }

  String render(Decision d) {
    ObjectNode root = F.objectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "vsguard");
    driver.put("version", d.engine().version());
    // Only the rules that reported, in id order: a stable, small document.
    Map<String, RuleInfo> used = new TreeMap<>();
    for (Finding f : d.findings()) {
      used.computeIfAbsent(
          f.rule(),
          id ->
              rules.stream()
                  .map(Rule::info)
                  .filter(i -> i.id().equals(id))
                  .findFirst()
                  .orElse(null));
    }
    ArrayNode ruleNodes = driver.putArray("rules");
    List<String> ids = List.copyOf(used.keySet());
    for (String id : ids) {
      ObjectNode r = ruleNodes.addObject();
      r.put("id", id);
      RuleInfo i = used.get(id);
      if (i != null) {
        r.putObject("shortDescription").put("text", i.summary());
        r.putObject("help").put("text", i.remediation() + " (" + i.reference() + ")");
        r.putObject("defaultConfiguration").put("level", level(i.severity()));
      }
    }
    ObjectNode inv = run.putArray("invocations").addObject();
    inv.put("executionSuccessful", d.verdict() != Verdict.ERROR);
    if (d.error() != null) {
      inv.putArray("toolExecutionNotifications")
          .addObject()
          .put("level", "error")
          .putObject("message")
          .put("text", d.error().message());
    }
    ArrayNode results = run.putArray("results");
    for (Finding f : d.findings()) {
      ObjectNode res = results.addObject();
      res.put("ruleId", f.rule());
      res.put("ruleIndex", ids.indexOf(f.rule()));
      res.put("level", level(f.severity()));
      res.putObject("message")
          .put("text", f.message() + (f.remediation() == null ? "" : " Fix: " + f.remediation()));
      ObjectNode loc = res.putArray("locations").addObject();
      loc.putObject("physicalLocation").putObject("artifactLocation").put("uri", planFile);
      ArrayNode logical = loc.putArray("logicalLocations");
      if (f.change() != null) {
        logical.addObject().put("name", f.change()).put("kind", "change");
      }
      if (f.subject().switchName() != null) {
        logical.addObject().put("name", f.subject().switchName()).put("kind", "switch");
      }
      if (f.subject().host() != null) {
        logical.addObject().put("name", f.subject().host()).put("kind", "host");
      }
      ObjectNode props = res.putObject("properties");
      if (f.wave() != null) {
        props.put("wave", f.wave());
      }
      if (f.step() != null) {
        props.put("step", f.step());
      }
      if (f.exemption() != null) {
        ObjectNode s = res.putArray("suppressions").addObject();
        s.put("kind", "external");
        s.put("status", "accepted");
        s.put(
            "justification",
            f.exemption().justification()
                + " (approved by "
                + f.exemption().approver()
                + ", expires "
                + f.exemption().expires()
                + ")");
      }
    }
    ObjectNode props = run.putObject("properties");
    props.put("verdict", d.verdict().name());
    props.put("decisionId", d.decisionId());
    return Json.pretty(root);
  }

  private static String level(Severity s) {
    return switch (s) {
      case BLOCK -> "error";
      case WARN -> "warning";
      case INFO -> "note";
    };
  }
}
