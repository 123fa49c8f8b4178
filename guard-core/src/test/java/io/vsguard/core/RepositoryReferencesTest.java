package io.vsguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.rule.Rule;
import io.vsguard.core.rules.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every repository file a user or a contributor is pointed at exists, inside the repository: the
 * rules' references (they reach every JSON, SARIF and JUnit finding), links and paths in every
 * Markdown file, and the contract named in code comments. A clone has no other files.
 */
class RepositoryReferencesTest {
  static final Path ROOT = root();

  /** A Markdown link or image: [text](target "title"). */
  private static final Pattern LINK =
      Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

  /**
   * A file named by path, absolute, from home, relative or bare; not part of a URL or a longer
   * path.
   */
  private static final String PATH =
      "((?:/|~/|(?:\\.{1,2}/)+)?[\\w.-]+(?:/[\\w.-]+)*\\.%s)(?![\\w/-])";

  private static final String BEFORE = "(?<![\\w./~$<>:-])";
  private static final Pattern MARKDOWN_FILE = Pattern.compile(BEFORE + PATH.formatted("md"));
  private static final Pattern ANY_FILE =
      Pattern.compile(BEFORE + PATH.formatted("(?:md|ya?ml|json|png|java|go|sh)"));

  /** A path in backticks that starts at a top-level entry of the repository. */
  private static final Pattern REPO_PATH =
      Pattern.compile(
          "`((?:\\./)?(?:guard-core|guard-cli|guard-vsphere|docs|examples|policies|\\.ci|\\.mvn)(?:/[^`\\s*<>{}…]*)?)`");

  private static final Pattern SECTION =
      Pattern.compile(
          "(docs/spec/[\\w-]+\\.md)(?:]\\([^)]*\\))?,?\\s+sections?\\s+(\\d+)(?:\\s+and\\s+(\\d+))?");
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  private static Path root() {
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(here.resolve("docs/spec")) ? here : here.getParent();
    if (root == null
        || !Files.isDirectory(root.resolve("docs/spec"))
        || !Files.isRegularFile(root.resolve("pom.xml"))) {
      throw new IllegalStateException(
          "run from the repository or one of its modules; no docs/spec/ above " + here);
    }
    return root.normalize();
  }

  /** Where a text was read, and the directories its relative paths may start from. */
  record Source(String name, List<Path> bases) {
    static Source of(Path file) {
      Path rel = ROOT.relativize(file);
      List<Path> bases = new ArrayList<>(List.of(ROOT, file.getParent()));
      if (rel.getNameCount() > 1) {
        bases.add(ROOT.resolve(rel.getName(0))); // a module's tests run from the module
      }
      return new Source(rel.toString(), List.copyOf(bases));
    }

    /**
     * A text a user reads without knowing where it came from: paths start at the repository's root.
     */
    static Source userFacing(String name) {
      return new Source(name, List.of(ROOT));
    }
  }

  /** What is wrong with the file references in {@code text}; empty when every one resolves. */
  static List<String> problems(Source source, String text, boolean anyFileType) {
    List<String> out = new ArrayList<>();
    Matcher links = LINK.matcher(text);
    while (links.find()) {
      String target = links.group(1);
      if (SCHEME.matcher(target).find() || target.startsWith("#")) {
        continue;
      }
      int hash = target.indexOf('#');
      String file = hash < 0 ? target : target.substring(0, hash);
      Path resolved = resolve(source, file, out);
      if (resolved != null
          && hash >= 0
          && !anchors(resolved).contains(target.substring(hash + 1))) {
        out.add(source.name() + ": link " + target + ": no heading with that anchor");
      }
    }
    // Link targets were resolved above, from the linking file; the rest is prose.
    Matcher files =
        (anyFileType ? ANY_FILE : MARKDOWN_FILE).matcher(LINK.matcher(text).replaceAll(" "));
    while (files.find()) {
      resolve(source, files.group(1), out);
    }
    Matcher repo = REPO_PATH.matcher(text);
    while (repo.find()) {
      String p = repo.group(1);
      if (!(p + "/").contains("/target/")) { // build outputs exist only after a build
        resolve(source, p, out);
      }
    }
    Matcher sections = SECTION.matcher(text);
    while (sections.find()) {
      Path spec = ROOT.resolve(sections.group(1));
      for (int g = 2; g <= 3; g++) {
        String n = sections.group(g);
        if (n != null
            && Files.isRegularFile(spec)
            && !read(spec).matches("(?s).*(^|\n)## " + n + "\\. .*")) {
          out.add(source.name() + ": " + sections.group(1) + " has no section " + n);
        }
      }
    }
    return out;
  }

  /** The repository file {@code path} names, or null after saying why it names none. */
  private static Path resolve(Source source, String path, List<String> out) {
    if (path.startsWith("/") || path.startsWith("~")) {
      out.add(source.name() + ": " + path + " is outside the repository");
      return null;
    }
    boolean escapes = true;
    for (Path base : source.bases()) {
      Path p = base.resolve(path).normalize();
      if (p.startsWith(ROOT)) {
        escapes = false;
        if (Files.exists(p)) {
          return p;
        }
      }
    }
    out.add(
        source.name()
            + ": "
            + path
            + (escapes ? " is outside the repository" : " does not exist in the repository"));
    return null;
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
  private static List<String> anchors(Path file) {
    if (!file.toString().endsWith(".md") || !Files.isRegularFile(file)) {
      return List.of();
    }
    return read(file)
        .lines()
        .filter(l -> l.startsWith("#"))
        .map(
            l ->
                l.replaceFirst("^#+\\s*", "")
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-'))
        .toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> files(String... extensions) {
    try (Stream<Path> s = Files.walk(ROOT)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> ROOT.relativize(p).toString().split("/")[0].matches("[^.].*|\\.ci|\\.mvn"))
          .filter(p -> !ROOT.relativize(p).toString().matches("(.*/)?(target|node_modules)/.*"))
          .filter(
              p ->
                  Stream.of(extensions).anyMatch(e -> p.getFileName().toString().endsWith("." + e)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyRuleReferenceNamesRepositoryFilesFromTheRoot() {
    List<String> problems = new ArrayList<>();
    for (Rule r : Catalog.builtIn()) {
      problems.addAll(
          problems(
              Source.userFacing("rule " + r.info().id() + " reference"),
              r.info().reference(),
              true));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyMarkdownFileLinksAndNamesFilesThatExist() {
    List<Path> docs = files("md");
    assertThat(docs)
        .extracting(p -> ROOT.relativize(p).toString())
        .contains(
            "README.md",
            "docs/spec/formats.md",
            "docs/spec/cli.md",
            "docs/spec/rules.md",
            "policies/README.md",
            "examples/incident/README.md",
            "guard-core/src/main/resources/io/vsguard/rules/lacp-direct-migration.md");
    List<String> problems = new ArrayList<>();
    for (Path doc : docs) {
      // A rule's page is printed by `vsguard rules ID`, far from its directory: it names files from
      // the root.
      boolean rulePage =
          doc.startsWith(ROOT.resolve("guard-core/src/main/resources/io/vsguard/rules"));
      problems.addAll(
          problems(
              rulePage ? Source.userFacing(ROOT.relativize(doc).toString()) : Source.of(doc),
              read(doc),
              false));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void codeNamesTheContractWhereItIs() {
    List<String> problems = new ArrayList<>();
    for (Path code : files("java", "go", "sh")) {
      // This test's own cases name missing files on purpose.
      if (!code.getFileName().toString().equals("RepositoryReferencesTest.java")) {
        problems.addAll(problems(Source.of(code), read(code), false));
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theCheckFindsWhatItLooksFor() {
    Source rule = Source.userFacing("a reference");
    assertThat(problems(rule, "formats.md, section 2", true))
        .singleElement()
        .asString()
        .contains("formats.md does not exist in the repository");
    assertThat(problems(rule, "see /work/shared/style.md and ~/notes/cli.md", true))
        .containsExactly(
            "a reference: /work/shared/style.md is outside the repository",
            "a reference: ~/notes/cli.md is outside the repository");
    assertThat(problems(rule, "../spec/rules.md", true))
        .singleElement()
        .asString()
        .contains("outside the repository");
    assertThat(problems(rule, "docs/spec/formats.md, section 9", true))
        .containsExactly("a reference: docs/spec/formats.md has no section 9");
    assertThat(
            problems(
                rule,
                "docs/spec/formats.md, sections 1 and\n  2; docs/spec/rules.md, section 3",
                true))
        .isEmpty();
    assertThat(problems(rule, "policies/default/missing.yaml", true)).hasSize(1);
    assertThat(
            problems(
                rule,
                "https://knowledge.broadcom.com/external/article/318706 and https://x.example/a.md",
                true))
        .isEmpty();

    Source readme = Source.of(ROOT.resolve("README.md"));
    assertThat(
            problems(
                readme,
                "[spec](docs/spec/nothing.md) ![shot](docs/none.png) [ok](docs/spec/cli.md)",
                false))
        .containsExactly(
            "README.md: docs/spec/nothing.md does not exist in the repository",
            "README.md: docs/none.png does not exist in the repository");
    assertThat(problems(readme, "([docs/spec/rules.md](docs/spec/rules.md), section 7)", false))
        .containsExactly("README.md: docs/spec/rules.md has no section 7");
    assertThat(
            problems(
                readme,
                "[a](docs/spec/cli.md#no-such-heading) [b](docs/spec/cli.md#4-commands)",
                false))
        .containsExactly(
            "README.md: link docs/spec/cli.md#no-such-heading: no heading with that anchor");
    assertThat(
            problems(
                readme, "`examples/nothing/plan.yaml` and `guard-cli/target/vsguard.jar`", false))
        .containsExactly("README.md: examples/nothing/plan.yaml does not exist in the repository");
  }
}
