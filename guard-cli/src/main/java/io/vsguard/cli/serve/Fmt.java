package io.vsguard.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.plan.Step;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.text.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The small wordings the web view's templates share: times, counts, where a finding broke, a step's
 * arguments. Plain text only; the templates escape it.
 */
final class Fmt {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Fmt() {}

  static String when(Instant t) {
    return t == null ? "" : WHEN.format(t);
  }

  /** "1 host", "12 hosts". */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /** The severity's wire name; a record that lost it (a damaged log) shows as unknown. */
  static String severity(Finding f) {
    return f.severity() == null ? "unknown" : f.severity().wire();
  }

  /** "wave canary · step 3 · switch DVS-Prod", or null when the finding says none of them. */
  static String where(Finding f) {
    List<String> where = new ArrayList<>();
    if (f.wave() != null) {
      where.add("wave " + f.wave());
    }
    if (f.step() != null) {
      where.add("step " + f.step());
    }
    if (f.subject() != null && f.subject().switchName() != null) {
      where.add("switch " + f.subject().switchName());
    }
    return where.isEmpty() ? null : String.join(" · ", where);
  }

  /** "DVS-Prod / esx-par-01" for the exemptions table. */
  static String switchAndHost(Finding f) {
    if (f.subject() == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    if (f.subject().switchName() != null) {
      parts.add(f.subject().switchName());
    }
    if (f.subject().host() != null) {
      parts.add(f.subject().host());
    }
    return String.join(" / ", parts);
  }

  static String rolloutLine(Rollout rollout) {
    int hosts = rollout.waves().stream().mapToInt(w -> w.hosts().size()).sum();
    return count(rollout.waves().size(), "wave")
        + ", "
        + count(hosts, "host")
        + "; each host of a wave does the"
        + " wave's steps in order, and the gate must hold before the next wave starts.";
  }

  /** "soak 30 min, then host-connected, no-new-alarms". */
  static String gate(Rollout.Gate g) {
    return "soak "
        + g.soakMinutes()
        + " min"
        + (g.checks().isEmpty() ? "" : ", then " + String.join(", ", g.checks()));
  }

  record Arg(String name, String value) {}

  record StepView(String op, List<Arg> args) {
    StepView {
      args = List.copyOf(args);
    }
  }

  /**
   * Steps as their op and fields, read from their JSON form so every step type shows the same way.
   */
  static List<StepView> steps(List<Step> steps) {
    List<StepView> out = new ArrayList<>(steps.size());
    for (Step s : steps) {
      JsonNode n = Json.json().valueToTree(s);
      List<Arg> args = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (!e.getKey().equals("op") && !e.getValue().isNull()) {
          args.add(
              new Arg(
                  e.getKey(),
                  e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        }
      }
      out.add(new StepView(n.path("op").asText(), args));
    }
    return out;
  }
}
