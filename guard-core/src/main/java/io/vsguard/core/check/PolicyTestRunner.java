package io.vsguard.core.check;

import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.load.DocumentReader;
import io.vsguard.core.load.InputException;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.Node;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.sim.Deadline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs a pack's own test cases ({@code tests/*.yaml}, {@code kind: PolicyTest}): a plan and an
 * inventory (paths relative to the test file), the evaluation time, and the expected verdict and
 * rule ids. This is how a site proves its pack does what it says before it is used.
 */
public final class PolicyTestRunner {
  public static final String KIND = "PolicyTest";

  private PolicyTestRunner() {}

  /** One case's outcome; {@code problems} is empty when it passed. */
  public record Result(String name, String file, List<String> problems) {
    public boolean passed() {
      return problems.isEmpty();
    }
  }

  /**
   * Runs every case of the pack, each check under its own {@code deadline}: a case past it is
   * ERROR.
   */
  public static List<Result> run(Path packDir, PolicyPack pack, Duration deadline)
      throws InputException {
    Path tests = packDir.resolve("tests");
    if (!Files.isDirectory(tests)) {
      throw new InputException(packDir.toString(), "", 0, "no tests/ directory in this pack");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(tests)) {
      files =
          s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.ya?ml"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new InputException(tests.toString(), "", 0, "cannot list directory: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new InputException(tests.toString(), "", 0, "no test cases (*.yaml) in tests/");
    }
    Checker checker = Checker.of(pack);
    List<Result> out = new ArrayList<>();
    for (Path f : files) {
      out.add(runOne(f, checker, deadline));
    }
    return out;
  }

  private static Result runOne(Path file, Checker checker, Duration deadline)
      throws InputException {
    DocumentReader.Document doc = DocumentReader.read(file);
    Node root =
        doc.rootNode()
            .expectObject("a PolicyTest document", "apiVersion", "kind", "metadata", "spec");
    Node api = root.required("apiVersion");
    if (!Inventory.API_VERSION.equals(api.text())) {
      throw api.error(
          "unsupported apiVersion '" + api.text() + "'; expected " + Inventory.API_VERSION);
    }
    Node kind = root.required("kind");
    if (!KIND.equals(kind.text())) {
      throw kind.error("kind '" + kind.text() + "' given where a PolicyTest document was expected");
    }
    String name =
        root.required("metadata").expectObject("metadata", "name", "description").text("name");
    Node spec = root.required("spec").expectObject("spec", "plan", "inventory", "now", "expect");
    Path dir = file.getParent();
    Path planFile = dir.resolve(spec.text("plan"));
    Path invFile = dir.resolve(spec.text("inventory"));
    Instant now = spec.has("now") ? spec.dateTime("now").toInstant() : Instant.now();
    Node expect =
        spec.required("expect")
            .expectObject("expect", "verdict", "rules", "absentRules", "exempted");
    String verdict = expect.oneOf("verdict", List.of("ALLOW", "WARN", "BLOCK", "ERROR"));
    List<String> rules = expect.strings("rules");
    List<String> absent = expect.strings("absentRules");
    List<String> exempted = expect.strings("exempted");
    byte[] planRaw = read(planFile);
    byte[] invRaw = read(invFile);
    ChangePlan plan = PlanLoader.read(planFile.toString(), planRaw);
    Inventory inv = InventoryLoader.read(invFile.toString(), invRaw);
    Decision d =
        checker.check(Inputs.of(plan, planRaw, inv, invRaw), now, Deadline.after(deadline));
    List<String> problems = new ArrayList<>();
    if (d.verdict() != Verdict.valueOf(verdict)) {
      problems.add(
          "verdict "
              + d.verdict()
              + ", expected "
              + verdict
              + (d.error() == null ? "" : " (" + d.error().message() + ")"));
    }
    List<String> counted =
        d.findings().stream().filter(Finding::counts).map(Finding::rule).distinct().toList();
    List<String> exemptedSeen =
        d.findings().stream().filter(f -> !f.counts()).map(Finding::rule).distinct().toList();
    rules.stream()
        .filter(r -> !counted.contains(r))
        .forEach(r -> problems.add("no finding of " + r));
    absent.stream()
        .filter(counted::contains)
        .forEach(r -> problems.add("unexpected finding of " + r));
    exempted.stream()
        .filter(r -> !exemptedSeen.contains(r))
        .forEach(r -> problems.add("no exempted finding of " + r));
    return new Result(name, file.toString(), problems);
  }

  private static byte[] read(Path f) throws InputException {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new InputException(f.toString(), "", 0, "cannot read file: " + e.getMessage());
    }
  }
}
