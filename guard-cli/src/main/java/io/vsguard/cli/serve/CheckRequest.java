package io.vsguard.cli.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.load.DocumentReader;
import io.vsguard.core.load.InputException;
import io.vsguard.core.load.InventoryLoader;
import io.vsguard.core.load.PlanLoader;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code POST /v1/checks} and {@code POST /v1/stages}: {@code {"plan": {…ChangePlan…},
 * "inventory": {…Inventory…}}}, both JSON objects.
 *
 * <p>The two documents are validated by the same loaders as the command line's files, under the
 * names {@code request.plan} and {@code request.inventory}, so an error reads {@code request.plan:
 * spec.changes[0].action: …}. What the decision's sha256 fields cover is the canonical form of each
 * sub-object: compact JSON, object keys sorted, UTF-8. The same plan sent twice hashes the same
 * whatever its whitespace or key order, but not like the CLI, which hashes the file's bytes:
 * compare verdicts and findings across the two, not hashes.
 */
public record CheckRequest(
    Inputs.Hashed<ChangePlan> plan, Optional<Inputs.Hashed<Inventory>> inventory) {
  static final String BODY = "request";
  static final String PLAN = "request.plan";
  static final String INVENTORY = "request.inventory";

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

  /** The body could not be used; {@link #problem} says why, field by field. */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    Invalid(Problem problem) {
      super(problem.detail());
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }

  public static CheckRequest parse(byte[] body) throws Invalid {
    return parse(body, false);
  }

  /**
   * Parses a body; with {@code inventoryOptional} (a server started with --vcenter) the inventory
   * may be left out, and the request then carries none ({@link #inventory()} empty).
   */
  public static CheckRequest parse(byte[] body, boolean inventoryOptional) throws Invalid {
    DocumentReader.Document doc;
    try {
      doc = DocumentReader.parse(BODY, utf8(body), false);
      if (!doc.root().isObject()) {
        throw doc.error("", "expected a JSON object {\"plan\": {…}, \"inventory\": {…}}");
      }
    } catch (InputException e) {
      // A syntax error's line is a line of the body the client sent, so it stays in the message.
      Problem.FieldError stripped = fieldError(e, "");
      Problem.FieldError fe =
          new Problem.FieldError(
              BODY,
              stripped.field(),
              stripped.pointer(),
              (e.line() > 0 ? "line " + e.line() + ": " : "") + stripped.detail());
      throw new Invalid(
          Problem.of(Problem.Kind.INVALID_INPUT, e.getMessage()).withErrors(List.of(fe)));
    }
    JsonNode root = doc.root();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (field.equals("policy")) {
        errors.add(
            error(
                BODY,
                "policy",
                "",
                "not accepted: the server decides under the policy pack it was"
                    + " started with (vsguard serve --policy)"));
      } else if (!field.equals("plan") && !field.equals("inventory")) {
        errors.add(error(BODY, field, "", "unknown field; expected plan and inventory"));
      }
    }
    JsonNode planNode = member(root, "plan", "a ChangePlan", errors);
    JsonNode invNode =
        inventoryOptional && (root.get("inventory") == null || root.get("inventory").isNull())
            ? null
            : member(root, "inventory", "an Inventory snapshot", errors);
    ChangePlan plan = null;
    Inventory inventory = null;
    if (invNode != null) {
      try {
        inventory = InventoryLoader.read(new DocumentReader.Document(INVENTORY, invNode, Map.of()));
      } catch (InputException e) {
        errors.add(fieldError(e, "inventory"));
      }
    }
    if (planNode != null) {
      try {
        plan = PlanLoader.read(new DocumentReader.Document(PLAN, planNode, Map.of()));
      } catch (InputException e) {
        errors.add(fieldError(e, "plan"));
      }
    }
    if (!errors.isEmpty()) {
      String detail =
          errors.size() == 1
              ? describe(errors.get(0))
              : describe(errors.get(0)) + " (and " + (errors.size() - 1) + " more)";
      throw new Invalid(Problem.of(Problem.Kind.INVALID_INPUT, detail).withErrors(errors));
    }
    return new CheckRequest(
        new Inputs.Hashed<>(plan, canonicalSha256(planNode)),
        invNode == null
            ? Optional.empty()
            : Optional.of(new Inputs.Hashed<>(inventory, canonicalSha256(invNode))));
  }

  /**
   * The SHA-256 of {@link #canonical}'s bytes, written straight into the digest: a 1,000-host
   * inventory is a megabyte of JSON, and sorting its keys through a map per object and holding the
   * text twice (as a string, then as bytes) cost more than the hash.
   */
  static String canonicalSha256(JsonNode node) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    writeCanonical(node, new DigestOutputStream(OutputStream.nullOutputStream(), sha));
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * Writes {@link #canonical}'s bytes to {@code out}. Through a character writer, as the mapper
   * writes a string: Jackson's byte generator would spell a character outside the BMP as a
   * surrogate-pair escape, which is another text and another hash.
   */
  static void writeCanonical(JsonNode node, OutputStream out) {
    try (JsonGenerator g =
        CANONICAL
            .getFactory()
            .createGenerator(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      writeSorted(g, node);
    } catch (IOException e) {
      throw new IllegalStateException("a parsed JSON tree always serialises", e);
    }
  }

  /**
   * Writes {@code node} as {@link #CANONICAL} does: every object's members in the order of their
   * names.
   */
  private static void writeSorted(JsonGenerator g, JsonNode node) throws IOException {
    if (node.isObject()) {
      String[] names = new String[node.size()];
      int i = 0;
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names[i++] = it.next();
      }
      Arrays.sort(names);
      g.writeStartObject();
      for (String name : names) {
        g.writeFieldName(name);
        writeSorted(g, node.get(name));
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode e : node) {
        writeSorted(g, e);
      }
      g.writeEndArray();
    } else if (node.isTextual()) {
      g.writeString(node.textValue());
    } else {
      CANONICAL.writeTree(g, node); // numbers, booleans, null: as the mapper writes them
    }
  }

  /** The canonical bytes of a JSON value: compact, keys sorted, UTF-8. */
  static byte[] canonical(JsonNode node) {
    try {
      return CANONICAL.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree always serialises", e);
    }
  }

  private static JsonNode member(
      JsonNode root, String field, String what, List<Problem.FieldError> errors) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      errors.add(
          error(
              BODY,
              field,
              "",
              "missing; expected "
                  + what
                  + " as a JSON object"
                  + (field.equals("inventory")
                      ? " (the server reads none from a vCenter: it was started without --vcenter)"
                      : "")));
      return null;
    }
    if (!n.isObject()) {
      errors.add(error(BODY, field, "", "expected " + what + " as a JSON object, got " + kind(n)));
      return null;
    }
    return n;
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case STRING -> "a string (send the document itself, not its text)";
      case ARRAY -> "an array";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String utf8(byte[] body) throws InputException {
    return DocumentReader.utf8(BODY, body);
  }

  /**
   * An input error from a loader, re-stated without its line (lines of a re-parsed tree mean
   * nothing).
   */
  private static Problem.FieldError fieldError(InputException e, String memberPrefix) {
    String path = e.path() == null ? "" : e.path();
    String message = e.getMessage();
    String prefix =
        e.file()
            + (e.line() > 0 ? ":" + e.line() : "")
            + ": "
            + (path.isEmpty() ? "" : path + ": ");
    String reason = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    return error(e.file(), path, memberPrefix, reason);
  }

  private static Problem.FieldError error(
      String document, String field, String memberPrefix, String detail) {
    return new Problem.FieldError(document, field, pointer(memberPrefix, field), detail);
  }

  /**
   * The JSON Pointer (RFC 6901) into the request body of a field path such as
   * spec.changes[0].action.
   */
  static String pointer(String memberPrefix, String field) {
    StringBuilder sb = new StringBuilder();
    if (!memberPrefix.isEmpty()) {
      sb.append('/').append(memberPrefix);
    }
    if (field.isEmpty()) {
      return sb.toString();
    }
    for (String part : field.split("\\.")) {
      int bracket = part.indexOf('[');
      String name = bracket < 0 ? part : part.substring(0, bracket);
      if (!name.isEmpty()) {
        sb.append('/').append(name.replace("~", "~0").replace("/", "~1"));
      }
      while (bracket >= 0) {
        int close = part.indexOf(']', bracket);
        if (close < 0) {
          break;
        }
        sb.append('/').append(part, bracket + 1, close);
        bracket = part.indexOf('[', close);
      }
    }
    return sb.toString();
  }

  private static String describe(Problem.FieldError e) {
    return e.document() + ": " + (e.field().isEmpty() ? "" : e.field() + ": ") + e.detail();
  }
}
