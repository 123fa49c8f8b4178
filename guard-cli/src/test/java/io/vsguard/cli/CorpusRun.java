package io.vsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs a corpus case the way an admin would, through the command line (in-process): {@code check
 * --output json}, {@code stage}, then {@code check} of the staged plan, each check with its own
 * audit log. The case's {@code now} reaches check and stage through their clock, so windows,
 * freezes, snapshot age and exemption expiry decide the same on any day. Nothing here calls the
 * engine directly: the corpus states what the command line answers.
 */
final class CorpusRun {
  /** A finding as the Decision document has it; {@code counted} is false for an exempted one. */
  record Finding(String rule, boolean counted, String text) {}

  /**
   * A check's answer: its exit code, the verdict (or {@code INPUT-ERROR} when check refused the
   * inputs, exit 2), the findings, and stderr.
   */
  record Decided(int exit, String verdict, List<Finding> findings, String err) {
    boolean counted(String rule) {
      return findings.stream().anyMatch(f -> f.counted() && f.rule().equals(rule));
    }

    boolean exempted(String rule) {
      return findings.stream().anyMatch(f -> !f.counted() && f.rule().equals(rule));
    }
  }

  /**
   * What stage answered: exit 0 with the staged plan's path, else the refusal (or error) on stderr.
   */
  record Staged(int exit, Path plan, String err) {
    boolean staged() {
      return exit == ExitCodes.ALLOW;
    }
  }

  /** Everything one case produced, and where it differs from its expect.yaml. */
  record Result(
      CorpusCase kase, Decided check, Staged stage, Decided stagedCheck, List<String> mismatches) {
    boolean met() {
      return mismatches.isEmpty();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Boolean> knownRules = new HashMap<>();

  Result run(CorpusCase c, Path work) throws IOException {
    Files.createDirectories(work);
    CommandLine.IFactory at = at(c.now());
    List<String> mismatches = new ArrayList<>();
    unknownRules(c)
        .forEach(
            id ->
                mismatches.add(
                    "names rule "
                        + id
                        + ", which `vsguard rules` does not know"
                        + (c.policy() == null ? "" : " under the case's policy pack")));
    Decided check = check(at, c, c.plan(), work.resolve("check-audit.jsonl"));
    compare("check", c.check(), check, mismatches);
    Path stagedPlan = work.resolve("staged-plan.yaml");
    Cli s =
        Cli.run(
            at,
            withPolicy(
                c,
                "stage",
                "--plan",
                c.plan().toString(),
                "--inventory",
                c.inventory().toString(),
                "--out",
                stagedPlan.toString()));
    Staged stage = new Staged(s.exit(), stagedPlan, s.err());
    Decided stagedCheck = null;
    if (stage.staged() != c.stage().staged()) {
      mismatches.add(
          stage.staged()
              ? "stage: wrote a staged plan, expected a refusal mentioning " + c.stage().reasons()
              : "stage: " + describeStageFailure(stage) + ", expected a staged plan");
    } else if (stage.staged()) {
      c.stage().notes().stream()
          .filter(n -> !containsIgnoringCase(s.err(), n))
          .forEach(
              n ->
                  mismatches.add(
                      "stage: the notes do not mention '" + n + "': " + oneLine(s.err())));
    } else {
      if (stage.exit() != ExitCodes.BLOCK) {
        mismatches.add("stage: " + describeStageFailure(stage) + ", expected a refusal (exit 1)");
      }
      c.stage().reasons().stream()
          .filter(r -> !containsIgnoringCase(s.err(), r))
          .forEach(
              r ->
                  mismatches.add(
                      "stage: the refusal does not mention '" + r + "': " + oneLine(s.err())));
    }
    if (stage.staged()) {
      stagedCheck = check(at, c, stagedPlan, work.resolve("staged-check-audit.jsonl"));
      compare("staged check", c.stagedCheck(), stagedCheck, mismatches);
    }
    return new Result(c, check, stage, stagedCheck, List.copyOf(mismatches));
  }

  /** check --output json, with the case's pack and a fresh audit log. */
  private static Decided check(CommandLine.IFactory at, CorpusCase c, Path plan, Path audit)
      throws IOException {
    Cli r =
        Cli.run(
            at,
            withPolicy(
                c,
                "check",
                "--plan",
                plan.toString(),
                "--inventory",
                c.inventory().toString(),
                "--output",
                "json",
                "--audit-log",
                audit.toString()));
    if (r.exit() == ExitCodes.INPUT_ERROR) {
      return new Decided(r.exit(), "INPUT-ERROR", List.of(), r.err());
    }
    JsonNode d = JSON.readTree(r.out());
    List<Finding> findings = new ArrayList<>();
    for (JsonNode f : d.path("findings")) {
      String text =
          String.join(
              "\n",
              f.path("message").asText(""),
              f.path("remediation").asText(""),
              f.path("reference").asText(""));
      findings.add(
          new Finding(
              f.path("rule").asText(),
              f.path("exemption").isNull() || f.path("exemption").isMissingNode(),
              text));
    }
    String verdict = d.path("verdict").asText();
    int expectedExit =
        switch (verdict) {
          case "ALLOW", "WARN" -> ExitCodes.ALLOW;
          case "BLOCK" -> ExitCodes.BLOCK;
          default -> ExitCodes.ERROR;
        };
    if (r.exit() != expectedExit) {
      // The exit code is the contract pipelines read; a verdict it contradicts is a failure of its
      // own.
      verdict = verdict + " (exit " + r.exit() + ")";
    }
    return new Decided(r.exit(), verdict, List.copyOf(findings), r.err());
  }

  private static void compare(String what, CorpusCase.Expect e, Decided d, List<String> out) {
    if (d.verdict().equals("INPUT-ERROR")) {
      out.add(what + ": input error (exit 2), expected a decision: " + oneLine(d.err()));
      return;
    }
    if (e.verdict() != null && !e.verdict().equals(d.verdict())) {
      out.add(what + ": verdict " + d.verdict() + ", expected " + e.verdict() + summary(d));
    }
    if (e.verdictNot() != null
        && (e.verdictNot().equals(d.verdict()) || !CorpusCase.VERDICTS.contains(d.verdict()))) {
      out.add(
          what
              + ": verdict "
              + d.verdict()
              + ", expected anything but "
              + e.verdictNot()
              + summary(d));
    }
    e.rules().stream()
        .filter(r -> !d.counted(r))
        .forEach(
            r ->
                out.add(
                    what
                        + ": no counted finding of "
                        + r
                        + (d.exempted(r) ? " (only exempted ones)" : "")));
    for (String r : e.absentRules()) {
      d.findings().stream()
          .filter(f -> f.counted() && f.rule().equals(r))
          .findFirst()
          .ifPresent(
              f -> out.add(what + ": unexpected finding of " + r + ": " + oneLine(f.text())));
    }
    e.exempted().stream()
        .filter(r -> !d.exempted(r))
        .forEach(r -> out.add(what + ": no exempted finding of " + r));
    e.messages()
        .forEach(
            (rule, texts) -> {
              for (String t : texts) {
                boolean said =
                    d.findings().stream()
                        .anyMatch(f -> f.rule().equals(rule) && containsIgnoringCase(f.text(), t));
                if (!said) {
                  out.add(what + ": no finding of " + rule + " mentions '" + t + "'");
                }
              }
            });
  }

  private static String summary(Decided d) {
    List<String> rules =
        d.findings().stream().filter(Finding::counted).map(Finding::rule).distinct().toList();
    return rules.isEmpty()
        ? " (no counted findings)"
        : " (counted: " + String.join(", ", rules) + ")";
  }

  private static String describeStageFailure(Staged s) {
    return switch (s.exit()) {
      case ExitCodes.BLOCK -> "refused: " + oneLine(s.err());
      case ExitCodes.INPUT_ERROR -> "input error (exit 2): " + oneLine(s.err());
      default -> "exit " + s.exit() + ": " + oneLine(s.err());
    };
  }

  /**
   * Rule ids the case names that {@code vsguard rules ID} does not explain under the case's pack.
   */
  private List<String> unknownRules(CorpusCase c) {
    return java.util.stream.Stream.concat(c.check().ruleIds(), c.stagedCheck().ruleIds())
        .distinct()
        .filter(
            id ->
                !knownRules.computeIfAbsent(
                    (c.policy() == null ? "" : c.policy().toString()) + "\u0000" + id,
                    k -> Cli.run(withPolicy(c, "rules", id)).exit() == 0))
        .toList();
  }

  private static String[] withPolicy(CorpusCase c, String... args) {
    List<String> out = new ArrayList<>(List.of(args));
    if (c.policy() != null) {
      out.add("--policy");
      out.add(c.policy().toString());
    }
    return out.toArray(String[]::new);
  }

  /** check and stage built with a clock fixed at the case's now; every other command as usual. */
  static CommandLine.IFactory at(Instant now) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    return new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == CheckCommand.class) {
          return cls.cast(new CheckCommand(clock));
        }
        if (cls == StageCommand.class) {
          return cls.cast(new StageCommand(clock));
        }
        return CommandLine.defaultFactory().create(cls);
      }
    };
  }

  private static boolean containsIgnoringCase(String text, String part) {
    return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
  }

  static String oneLine(String text) {
    String s = text.strip().replaceAll("\\s*\\n\\s*", " | ");
    return s.length() > 400 ? s.substring(0, 400) + "…" : s;
  }
}
