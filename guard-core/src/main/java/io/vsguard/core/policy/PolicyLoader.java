package io.vsguard.core.policy;

import io.vsguard.core.decision.Decisions;
import io.vsguard.core.load.DocumentReader;
import io.vsguard.core.load.InputException;
import io.vsguard.core.load.Node;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.rule.Exemption;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.rule.Rule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rule.Severity;
import io.vsguard.core.rules.Catalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a policy pack: one YAML file, or a directory whose YAML files (not its {@code tests/}) are
 * read in name order and merged — later files override rule settings and parameters, and add
 * exemptions and custom rules. The pack's sha256 covers every file it read, so a decision names
 * exactly the policy it was made under. CEL expressions are compiled here, once; a compile error is
 * an input error with the file, line and column.
 */
public final class PolicyLoader {
  public static final String KIND = "PolicyPack";
  private static final List<String> SETTINGS = List.of("block", "warn", "info", "off");

  private PolicyLoader() {}

  public static PolicyPack load(Path path) throws InputException {
    List<Path> files = files(path);
    String name =
        Files.isDirectory(path) ? path.toAbsolutePath().normalize().getFileName().toString() : null;
    List<Source> sources = new ArrayList<>();
    for (Path f : files) {
      try {
        sources.add(new Source(f.toString(), Files.readAllBytes(f)));
      } catch (IOException e) {
        throw new InputException(f.toString(), "", 0, "cannot read file: " + e.getMessage());
      }
    }
    return read(name, sources);
  }

  /** A policy file's name and bytes; packs on the classpath are read this way. */
  public record Source(String name, byte[] bytes) {}

  public static PolicyPack read(String packName, List<Source> sources) throws InputException {
    Builder b = new Builder();
    ByteArrayOutputStream digest = new ByteArrayOutputStream();
    for (Source s : sources) {
      String base = Path.of(s.name()).getFileName().toString();
      digest.writeBytes(base.getBytes(StandardCharsets.UTF_8));
      digest.write(0);
      digest.writeBytes(s.bytes());
      String n = b.file(DocumentReader.decode(s.name(), s.bytes()));
      if (packName == null) {
        packName = n;
      }
    }
    return b.build(packName, Decisions.sha256(digest.toByteArray()));
  }

  static List<Path> files(Path path) throws InputException {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new InputException(path.toString(), "", 0, "no such policy file or directory");
    }
    try (Stream<Path> s = Files.list(path)) {
      List<Path> files =
          s.filter(Files::isRegularFile)
              .filter(
                  p -> {
                    String l = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return l.endsWith(".yaml") || l.endsWith(".yml");
                  })
              .sorted()
              .toList();
      if (files.isEmpty()) {
        throw new InputException(
            path.toString(), "", 0, "no policy files (*.yaml) in this directory");
      }
      return files;
    } catch (IOException e) {
      throw new InputException(path.toString(), "", 0, "cannot list directory: " + e.getMessage());
    }
  }

  private static final class Builder {
    final Map<String, Optional<Severity>> settings = new LinkedHashMap<>();
    final Map<String, Object> params = new LinkedHashMap<>();
    final List<Exemption> exemptions = new ArrayList<>();
    final List<Rule> custom = new ArrayList<>();
    final Set<String> customIds = new HashSet<>();

    /** Reads one file into the pack; returns its metadata.name. */
    String file(DocumentReader.Document doc) throws InputException {
      Node root =
          doc.rootNode()
              .expectObject("a PolicyPack document", "apiVersion", "kind", "metadata", "spec");
      Node api = root.required("apiVersion");
      if (!Inventory.API_VERSION.equals(api.text())) {
        throw api.error(
            "unsupported apiVersion '" + api.text() + "'; expected " + Inventory.API_VERSION);
      }
      Node kind = root.required("kind");
      if (!KIND.equals(kind.text())) {
        throw kind.error(
            "kind '" + kind.text() + "' given where a PolicyPack document was expected");
      }
      Node md = root.required("metadata").expectObject("metadata", "name", "description");
      String name = md.text("name");
      Node spec = root.optional("spec");
      if (spec == null) {
        return name;
      }
      spec.expectObject("spec", "rules", "parameters", "exemptions", "customRules");
      Node rules = spec.optional("rules");
      if (rules != null) {
        rules.expectObject("rules");
        for (String id : fieldNames(rules)) {
          Node v = rules.required(id);
          if (Catalog.find(id).isEmpty() && !customIds.contains(id)) {
            throw v.error("no built-in rule '" + id + "'; `vsguard rules` lists them");
          }
          // YAML 1.1 reads an unquoted `off` as the boolean false; that is what the admin meant.
          String s =
              v.json().isBoolean() && !v.json().booleanValue()
                  ? "off"
                  : v.text().toLowerCase(Locale.ROOT);
          if (!SETTINGS.contains(s)) {
            throw v.error(
                "'" + v.text() + "' is not valid; expected one of " + String.join(", ", SETTINGS));
          }
          settings.put(
              id,
              s.equals("off")
                  ? Optional.empty()
                  : Optional.of(Severity.valueOf(s.toUpperCase(Locale.ROOT))));
        }
      }
      Node p = spec.optional("parameters");
      if (p != null) {
        parameters(p);
      }
      for (Node e : spec.list("exemptions")) {
        exemptions.add(exemption(e, doc.name()));
      }
      for (Node c : spec.list("customRules")) {
        custom.add(customRule(c));
      }
      return name;
    }

    private void parameters(Node p) throws InputException {
      p.expectObject(
          "parameters",
          "maxWaveHosts",
          "maxWavePercent",
          "soakMinutes",
          "maxInventoryAgeMinutes",
          "haHostFailuresToleratedDefault",
          "maxLagsPerSwitch",
          "maxPortsPerLag",
          "requireWindow",
          "gateChecks",
          "criticalVms",
          "freezes",
          "allowWithoutMaintenance");
      for (String f :
          List.of(
              "maxWaveHosts",
              "maxWavePercent",
              "soakMinutes",
              "maxInventoryAgeMinutes",
              "haHostFailuresToleratedDefault",
              "maxLagsPerSwitch",
              "maxPortsPerLag")) {
        Integer v = p.optInteger(f);
        if (v != null) {
          int min = f.equals("haHostFailuresToleratedDefault") ? 0 : 1;
          if (v < min || (f.equals("maxWavePercent") && v > 100)) {
            throw p.required(f)
                .error("expected " + (f.equals("maxWavePercent") ? "1 to 100" : min + " or more"));
          }
          params.put(f, v);
        }
      }
      if (p.has("requireWindow")) {
        params.put("requireWindow", p.bool("requireWindow", false));
      }
      if (p.has("allowWithoutMaintenance")) {
        params.put("allowWithoutMaintenance", p.bool("allowWithoutMaintenance", false));
      }
      if (p.has("criticalVms")) {
        params.put("criticalVms", p.strings("criticalVms"));
      }
      if (p.has("freezes")) {
        List<Parameters.Freeze> freezes = new ArrayList<>();
        for (Node f : p.list("freezes")) {
          f.expectObject("a freeze period", "start", "end", "reason");
          java.time.Instant start = freezeBound(f.required("start"), false);
          java.time.Instant end = freezeBound(f.required("end"), true);
          if (!end.isAfter(start)) {
            throw f.required("end").error("expected an end after the start");
          }
          freezes.add(new Parameters.Freeze(start, end, f.text("reason")));
        }
        params.put("freezes", freezes);
      }
      if (p.has("gateChecks")) {
        List<String> checks = p.strings("gateChecks");
        for (int i = 0; i < checks.size(); i++) {
          if (!io.vsguard.core.plan.Rollout.Gate.KNOWN_CHECKS.contains(checks.get(i))) {
            throw p.document()
                .error(
                    p.path() + ".gateChecks[" + i + "]",
                    "unknown check '"
                        + checks.get(i)
                        + "'; expected one of "
                        + String.join(", ", io.vsguard.core.plan.Rollout.Gate.KNOWN_CHECKS));
          }
        }
        params.put("gateChecks", checks);
      }
    }

    /**
     * A freeze bound: a date-time with offset, or a date read as a whole UTC day — a freeze "until
     * 2027-01-03" includes that day, as change calendars mean it.
     */
    private static java.time.Instant freezeBound(Node n, boolean end) throws InputException {
      String t = n.text();
      try {
        return java.time.OffsetDateTime.parse(Node.isoDateTime(t)).toInstant();
      } catch (DateTimeParseException notDateTime) {
        try {
          LocalDate day = LocalDate.parse(t);
          return (end ? day.plusDays(1) : day).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDate) {
          throw n.error(
              "expected a date (2026-12-18) or a date-time with offset (2026-12-18T18:00:00+01:00)");
        }
      }
    }

    private Exemption exemption(Node e, String file) throws InputException {
      e.expectObject("an exemption", "rule", "scope", "justification", "approver", "expires");
      Node rule = e.required("rule");
      if (Catalog.find(rule.text()).isEmpty() && !customIds.contains(rule.text())) {
        throw rule.error("no rule '" + rule.text() + "' to exempt");
      }
      Node scope =
          e.required("scope")
              .expectObject("an exemption scope", "switch", "host", "cluster", "change");
      Exemption.Scope sc =
          new Exemption.Scope(
              scope.optText("switch"),
              scope.optText("host"),
              scope.optText("cluster"),
              scope.optText("change"));
      if (sc.switchName() == null
          && sc.host() == null
          && sc.cluster() == null
          && sc.change() == null) {
        throw scope.error(
            "expected at least one of switch, host, cluster, change: an exemption never covers everything");
      }
      Node exp = e.required("expires");
      LocalDate expires;
      try {
        expires = LocalDate.parse(exp.text());
      } catch (DateTimeParseException ex) {
        throw exp.error("expected a date such as 2026-12-31");
      }
      return new Exemption(
          rule.text(), sc, e.text("justification"), e.text("approver"), expires, file);
    }

    private Rule customRule(Node c) throws InputException {
      c.expectObject(
          "a custom rule",
          "id",
          "severity",
          "scope",
          "summary",
          "expression",
          "message",
          "messageExpression",
          "remediation",
          "reference");
      Node idNode = c.required("id");
      String id = idNode.text();
      if (!id.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
        throw idNode.error("expected a kebab-case id such as no-friday-changes");
      }
      if (Catalog.find(id).isPresent() || !customIds.add(id)) {
        throw idNode.error("rule id '" + id + "' is already taken");
      }
      Severity severity =
          Severity.valueOf(
              c.oneOf("severity", List.of("block", "warn", "info")).toUpperCase(Locale.ROOT));
      String scope = c.has("scope") ? c.oneOf("scope", List.of("change", "wave")) : "change";
      if (c.has("message") == c.has("messageExpression")) {
        throw c.error("expected exactly one of message, messageExpression");
      }
      CelExpression expr = compile(c.required("expression"), dev.cel.common.types.SimpleType.BOOL);
      CelExpression msgExpr =
          c.has("messageExpression")
              ? compile(c.required("messageExpression"), dev.cel.common.types.SimpleType.STRING)
              : null;
      String message = c.optText("message");
      String summary =
          c.has("summary") ? c.text("summary") : (message != null ? message : "Custom rule " + id);
      RuleInfo info =
          new RuleInfo(
              id,
              severity,
              stripPeriod(summary),
              c.has("remediation")
                  ? c.text("remediation")
                  : "See the policy pack that defines " + id,
              c.has("reference") ? c.text("reference") : "policy pack custom rule");
      CelCheck check = new CelCheck(id, expr, message, msgExpr);
      return scope.equals("wave") ? new CelWaveRule(info, check) : new CelChangeRule(info, check);
    }

    private static String stripPeriod(String s) {
      return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Compiles at load; an error names the file, the line of the field and the column in it. */
    private static CelExpression compile(Node n, dev.cel.common.types.CelType type)
        throws InputException {
      String text = n.text();
      try {
        return CelExpression.compile(text, type);
      } catch (CelExpression.CompileError e) {
        int line = n.document().lineOf(n.path());
        int docLine = line <= 0 ? 0 : line + (text.contains("\n") ? e.line : e.line - 1);
        throw new InputException(
            n.document().name(),
            n.path(),
            docLine,
            "CEL compile error at line "
                + e.line
                + ", column "
                + e.column
                + " of the expression: "
                + e.getMessage());
      }
    }

    PolicyPack build(String name, String sha) {
      Parameters d = Parameters.DEFAULTS;
      @SuppressWarnings("unchecked")
      Parameters p =
          new Parameters(
              (int) params.getOrDefault("maxWaveHosts", d.maxWaveHosts()),
              (int) params.getOrDefault("maxWavePercent", d.maxWavePercent()),
              (int) params.getOrDefault("soakMinutes", d.soakMinutes()),
              (int) params.getOrDefault("maxInventoryAgeMinutes", d.maxInventoryAgeMinutes()),
              (int)
                  params.getOrDefault(
                      "haHostFailuresToleratedDefault", d.defaultHostFailuresTolerated()),
              (int) params.getOrDefault("maxLagsPerSwitch", d.maxLagsPerSwitch()),
              (int) params.getOrDefault("maxPortsPerLag", d.maxPortsPerLag()),
              (boolean) params.getOrDefault("requireWindow", d.requireWindow()),
              (List<String>) params.getOrDefault("gateChecks", d.gateChecks()),
              (List<String>) params.getOrDefault("criticalVms", d.criticalVms()),
              (List<Parameters.Freeze>) params.getOrDefault("freezes", d.freezes()),
              (boolean)
                  params.getOrDefault("allowWithoutMaintenance", d.allowWithoutMaintenance()));
      return new PolicyPack(name, sha, settings, p, exemptions, custom);
    }

    private static List<String> fieldNames(Node n) {
      List<String> out = new ArrayList<>();
      n.json().fieldNames().forEachRemaining(out::add);
      return out;
    }
  }
}
