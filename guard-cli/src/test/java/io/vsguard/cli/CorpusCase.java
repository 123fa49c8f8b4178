package io.vsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One case of the labelled corpus (examples/corpus/NN-name/): an inventory, a plan, an optional
 * policy pack, and what an admin expects of check, stage and the staged plan's check (expect.yaml,
 * read strictly: an unknown or misspelt field is an error, never an expectation that silently
 * holds).
 */
record CorpusCase(
    String name,
    Path dir,
    String description,
    Instant now,
    Semantics semantics,
    Expect check,
    StageExpect stage,
    Expect stagedCheck) {

  /**
   * Which engine behaviour a case needs. Every case states what today's engine must decide; the
   * field stays so that a case written ahead of an engine change has to say so, and such a case is
   * a bug or an issue to fix, never a label that keeps the build green.
   */
  enum Semantics {
    CURRENT
  }

  /** What a decision must look like. {@code verdict} or {@code verdictNot} is set, not both. */
  record Expect(
      String verdict,
      String verdictNot,
      List<String> rules,
      List<String> absentRules,
      List<String> exempted,
      Map<String, List<String>> messages) {
    /**
     * What every staged plan must meet when its case says nothing more: the stager never offers a
     * blocked rollout.
     */
    static final Expect NOT_BLOCKED =
        new Expect(null, "BLOCK", List.of(), List.of(), List.of(), Map.of());

    /** Every rule id the expectation names. */
    Stream<String> ruleIds() {
      return Stream.of(
              rules.stream(), absentRules.stream(), exempted.stream(), messages.keySet().stream())
          .flatMap(s -> s);
    }
  }

  /**
   * What stage must do: write a plan (with notes containing {@code notes}) or refuse with {@code
   * reasons}.
   */
  record StageExpect(boolean staged, List<String> reasons, List<String> notes) {}

  static final Set<String> VERDICTS = Set.of("ALLOW", "WARN", "BLOCK", "ERROR");
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  Path plan() {
    return dir.resolve("plan.yaml");
  }

  Path inventory() {
    return dir.resolve("inventory.json");
  }

  /** The case's policy pack directory, if it has one. */
  Path policy() {
    Path p = dir.resolve("policy");
    return Files.isDirectory(p) ? p : null;
  }

  /** Every case directory below {@code root}, in name order. */
  static List<CorpusCase> loadAll(Path root) throws IOException {
    List<CorpusCase> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        out.add(load(d));
      }
    }
    return out;
  }

  static CorpusCase load(Path dir) throws IOException {
    String name = dir.getFileName().toString();
    if (!name.matches("\\d\\d-[a-z0-9.-]+")) {
      throw new Invalid(dir, "a case directory is named NN-short-name (lower case)");
    }
    for (String f : List.of("inventory.json", "plan.yaml", "expect.yaml")) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new Invalid(dir, "missing " + f);
      }
    }
    Path file = dir.resolve("expect.yaml");
    JsonNode root = YAML.readTree(file.toFile());
    Reader r =
        new Reader(
            file, "", root, "description", "now", "check", "stage", "stagedCheck", "semantics");
    String description = r.text("description", true);
    Instant now;
    try {
      now = Instant.parse(r.text("now", true));
    } catch (DateTimeParseException e) {
      throw new Invalid(file, "now: expected an ISO-8601 instant such as 2026-03-10T21:30:00Z");
    }
    if (!r.text("semantics", true).equals("current")) {
      throw new Invalid(file, "semantics: expected current (every case is met by today's engine)");
    }
    Semantics semantics = Semantics.CURRENT;
    Expect check = expect(file, "check", r.object("check", true));
    Reader s = new Reader(file, "stage.", r.object("stage", true), "staged", "reasons", "notes");
    JsonNode staged = s.node.get("staged");
    if (staged == null || !staged.isBoolean()) {
      throw new Invalid(file, "stage.staged: expected true or false");
    }
    StageExpect stage =
        new StageExpect(staged.booleanValue(), s.strings("reasons"), s.strings("notes"));
    if (stage.staged() && !stage.reasons().isEmpty()) {
      throw new Invalid(file, "stage.reasons: only a refused stage has reasons");
    }
    if (!stage.staged() && !stage.notes().isEmpty()) {
      throw new Invalid(file, "stage.notes: only a staged plan has notes");
    }
    if (!stage.staged() && stage.reasons().isEmpty()) {
      throw new Invalid(
          file, "stage.reasons: a refusal must say what an admin reads in it (at least one text)");
    }
    JsonNode sc = r.object("stagedCheck", false);
    if (sc != null && !stage.staged()) {
      throw new Invalid(
          file, "stagedCheck: stage.staged is false, so there is no staged plan to check");
    }
    Expect stagedCheck = sc == null ? Expect.NOT_BLOCKED : expect(file, "stagedCheck", sc);
    return new CorpusCase(name, dir, description, now, semantics, check, stage, stagedCheck);
  }

  private static Expect expect(Path file, String field, JsonNode node) {
    Reader r =
        new Reader(
            file,
            field + ".",
            node,
            "verdict",
            "verdictNot",
            "rules",
            "absentRules",
            "exempted",
            "messages");
    String verdict = r.text("verdict", false);
    String verdictNot = r.text("verdictNot", false);
    if ((verdict == null) == (verdictNot == null)) {
      throw new Invalid(file, field + ": expected exactly one of verdict and verdictNot");
    }
    for (String v : java.util.Arrays.asList(verdict, verdictNot)) {
      if (v != null && !VERDICTS.contains(v)) {
        throw new Invalid(
            file,
            field + ": '" + v + "' is not a verdict; expected one of ALLOW, WARN, BLOCK, ERROR");
      }
    }
    Map<String, List<String>> messages = new LinkedHashMap<>();
    JsonNode m = r.node.get("messages");
    if (m != null) {
      if (!m.isObject()) {
        throw new Invalid(file, field + ".messages: expected a map of rule id to texts");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        messages.put(e.getKey(), strings(file, field + ".messages." + e.getKey(), e.getValue()));
      }
    }
    Expect e =
        new Expect(
            verdict,
            verdictNot,
            r.strings("rules"),
            r.strings("absentRules"),
            r.strings("exempted"),
            Map.copyOf(messages));
    e.ruleIds()
        .filter(id -> !id.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"))
        .findFirst()
        .ifPresent(
            id -> {
              throw new Invalid(file, field + ": '" + id + "' is not a rule id (kebab-case)");
            });
    List<String> both = e.rules().stream().filter(e.absentRules()::contains).toList();
    if (!both.isEmpty()) {
      throw new Invalid(file, field + ": " + both + " both must and must not appear");
    }
    return e;
  }

  private static List<String> strings(Path file, String field, JsonNode n) {
    if (n == null) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new Invalid(file, field + ": expected a list of texts");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode x : n) {
      if (!x.isTextual() || x.textValue().isBlank()) {
        throw new Invalid(file, field + ": expected a list of texts");
      }
      out.add(x.textValue());
    }
    return List.copyOf(out);
  }

  /** An object of expect.yaml whose fields are all known. */
  private static final class Reader {
    final Path file;
    final String prefix;
    final JsonNode node;

    Reader(Path file, String prefix, JsonNode node, String... known) {
      this.file = file;
      this.prefix = prefix;
      this.node = node;
      if (node == null || !node.isObject()) {
        throw new Invalid(
            file,
            (prefix.isEmpty() ? "the document" : prefix.substring(0, prefix.length() - 1))
                + ": expected a map");
      }
      List<String> k = List.of(known);
      node.fieldNames()
          .forEachRemaining(
              f -> {
                if (!k.contains(f)) {
                  throw new Invalid(
                      file,
                      prefix + f + ": unknown field; expected one of " + String.join(", ", k));
                }
              });
    }

    String text(String field, boolean required) {
      JsonNode n = node.get(field);
      if (n == null && !required) {
        return null;
      }
      if (n == null || !n.isTextual() || n.textValue().isBlank()) {
        throw new Invalid(file, prefix + field + ": expected a text");
      }
      return n.textValue();
    }

    JsonNode object(String field, boolean required) {
      JsonNode n = node.get(field);
      if (n == null && !required) {
        return null;
      }
      if (n == null || !n.isObject()) {
        throw new Invalid(file, prefix + field + ": expected a map");
      }
      return n;
    }

    List<String> strings(String field) {
      return CorpusCase.strings(file, prefix + field, node.get(field));
    }
  }

  /** A case that cannot be read: names the file and the field. */
  static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(Path file, String problem) {
      super(file + ": " + problem);
    }
  }
}
