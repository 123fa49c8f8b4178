package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The labelled corpus (examples/corpus, README "The corpus"): every case through check, stage and
 * the check of the staged plan, compared with its expect.yaml. Prints the confusion tables (also
 * written to target/corpus/report.txt, with each case's staged plan and audit logs beside it).
 *
 * <p>Every case must be met: one test per case, which fails with the case's mismatches, and one
 * that the whole corpus has none (with the report as its message).
 */
class CorpusTest {
  static final Path CORPUS = Path.of("../examples/corpus");
  static final Path RULE_PAGES = Path.of("../guard-core/src/main/resources/io/vsguard/rules");
  static final Path WORK = Path.of("target/corpus");

  @TestFactory
  Stream<DynamicNode> corpus() throws IOException {
    List<CorpusCase> cases = CorpusCase.loadAll(CORPUS);
    deleteTree(WORK);
    CorpusRun runner = new CorpusRun();
    List<CorpusRun.Result> results = new ArrayList<>();
    for (CorpusCase c : cases) {
      results.add(runner.run(c, WORK.resolve(c.name())));
    }
    String report = CorpusTally.render(results);
    Files.writeString(WORK.resolve("report.txt"), report, StandardCharsets.UTF_8);
    System.out.println(report);

    List<DynamicNode> tests = new ArrayList<>();
    tests.add(
        DynamicTest.dynamicTest(
            "the corpus has at least 48 cases",
            () -> assertThat(cases).hasSizeGreaterThanOrEqualTo(48)));
    tests.add(
        DynamicTest.dynamicTest(
            "every rule of the catalog must appear in some case",
            () ->
                assertThat(catalog())
                    .as("rules no case expects in check.rules")
                    .isSubsetOf(expectedSomewhere(cases))));
    tests.add(
        DynamicTest.dynamicTest(
            "zero mismatches",
            () ->
                assertThat(
                        results.stream().filter(r -> !r.met()).map(r -> r.kase().name()).toList())
                    .as(report)
                    .isEmpty()));
    for (CorpusRun.Result r : results) {
      tests.add(
          DynamicTest.dynamicTest(
              r.kase().name(),
              () ->
                  assertThat(r.mismatches())
                      .as(r.kase().dir() + ": " + r.kase().description())
                      .isEmpty()));
    }
    return tests.stream();
  }

  /** The built-in rule ids: one page per rule (README, "A new rule"). */
  private static Set<String> catalog() throws IOException {
    try (Stream<Path> pages = Files.list(RULE_PAGES)) {
      return pages
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".md"))
          .map(n -> n.substring(0, n.length() - 3))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Set<String> expectedSomewhere(List<CorpusCase> cases) {
    return cases.stream()
        .flatMap(c -> c.check().rules().stream())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
