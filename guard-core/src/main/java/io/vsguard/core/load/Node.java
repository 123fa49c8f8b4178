package io.vsguard.core.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.load.DocumentReader.Document;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A position in a parsed document. Every accessor names the field path and the expected shape when
 * the document does not match, so loaders read like the format they validate.
 */
public final class Node {
  private final Document doc;
  private final JsonNode json;
  // The field path is spelled out only when a message needs it: loaders walk every node of
  // inventories of thousands of hosts, and almost never fail.
  private final Node parent;
  private final String field;
  private final int index;
  private String path;

  Node(Document doc, JsonNode json, String path) {
    this.doc = doc;
    this.json = json;
    this.path = path;
    this.parent = null;
    this.field = null;
    this.index = -1;
  }

  private Node(Node parent, JsonNode json, String field, int index) {
    this.doc = parent.doc;
    this.json = json;
    this.parent = parent;
    this.field = field;
    this.index = index;
  }

  public String path() {
    if (path == null) {
      String p = parent.path();
      path = field != null ? (p.isEmpty() ? field : p + "." + field) : p + "[" + index + "]";
    }
    return path;
  }

  public Document document() {
    return doc;
  }

  public JsonNode json() {
    return json;
  }

  public InputException error(String message) {
    return doc.error(path(), message);
  }

  private String child(String field) {
    return path().isEmpty() ? field : path() + "." + field;
  }

  private InputException fieldError(String field, String message) {
    return doc.error(child(field), message);
  }

  public boolean isObject() {
    return json.isObject();
  }

  public boolean isArray() {
    return json.isArray();
  }

  public boolean has(String field) {
    JsonNode v = json.get(field);
    return v != null && !v.isNull();
  }

  /** Rejects fields a strict section does not know, so a typo never silently becomes a default. */
  public Node expectObject(String what, String... allowed) throws InputException {
    if (!json.isObject()) {
      throw error("expected " + what + " (a mapping), found " + kind(json));
    }
    Set<String> known = Set.of(allowed);
    Iterator<String> names = json.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!known.contains(n)) {
        throw fieldError(
            n,
            "unknown field '"
                + n
                + "' in "
                + what
                + "; expected one of "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
    return this;
  }

  public Node expectObject(String what) throws InputException {
    if (!json.isObject()) {
      throw error("expected " + what + " (a mapping), found " + kind(json));
    }
    return this;
  }

  public Node required(String field) throws InputException {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      throw doc.error(path(), "missing required field '" + field + "'");
    }
    return new Node(this, v, field, -1);
  }

  public Node optional(String field) {
    JsonNode v = json.get(field);
    return v == null || v.isNull() ? null : new Node(this, v, field, -1);
  }

  public String text() throws InputException {
    if (json.isTextual()) {
      if (json.asText().isBlank()) {
        throw error("expected a non-empty string");
      }
      return json.asText();
    }
    if (json.isNumber()) {
      return json.asText();
    }
    throw error("expected a string, found " + kind(json));
  }

  public String text(String field) throws InputException {
    return required(field).text();
  }

  public String optText(String field) throws InputException {
    Node n = optional(field);
    return n == null ? null : n.text();
  }

  public String oneOf(String field, List<String> values) throws InputException {
    Node n = required(field);
    String v = n.text();
    if (!values.contains(v)) {
      throw n.error("'" + v + "' is not valid; expected one of " + String.join(", ", values));
    }
    return v;
  }

  public int integer() throws InputException {
    if (!json.isIntegralNumber() || !json.canConvertToInt()) {
      throw error("expected a whole number, found " + kind(json));
    }
    return json.intValue();
  }

  public int integer(String field) throws InputException {
    return required(field).integer();
  }

  public Integer optInteger(String field) throws InputException {
    Node n = optional(field);
    return n == null ? null : n.integer();
  }

  public boolean bool(String field, boolean dflt) throws InputException {
    Node n = optional(field);
    if (n == null) {
      return dflt;
    }
    if (!n.json.isBoolean()) {
      throw n.error("expected true or false, found " + kind(n.json));
    }
    return n.json.booleanValue();
  }

  public Instant instant(String field) throws InputException {
    Node n = required(field);
    try {
      return OffsetDateTime.parse(isoDateTime(n.text())).toInstant();
    } catch (DateTimeParseException e) {
      throw n.error("expected an ISO-8601 timestamp with offset, e.g. 2016-11-22T10:30:00Z");
    }
  }

  /**
   * YAML's own timestamp spelling ({@code 2016-11-22 11:42:00 +01:00}, as PyYAML and many
   * generators write it) in ISO-8601 form; the offset stays required.
   */
  public static String isoDateTime(String text) {
    return text.trim()
        .replaceFirst("^(\\d{4}-\\d{2}-\\d{2})(?:[Tt]|\\s+)", "$1T")
        .replaceFirst("\\s+(Z|[+-]\\d{2}:\\d{2})$", "$1");
  }

  public OffsetDateTime dateTime(String field) throws InputException {
    Node n = required(field);
    try {
      return OffsetDateTime.parse(isoDateTime(n.text()));
    } catch (DateTimeParseException e) {
      throw n.error("expected an ISO-8601 timestamp with offset, e.g. 2016-11-22T11:42:00+01:00");
    }
  }

  /** Elements of a list field; absent means empty. */
  public List<Node> list(String field) throws InputException {
    Node n = optional(field);
    return n == null ? List.of() : n.elements();
  }

  public List<Node> elements() throws InputException {
    if (!json.isArray()) {
      throw error("expected a list, found " + kind(json));
    }
    List<Node> out = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      out.add(new Node(this, json.get(i), null, i));
    }
    return out;
  }

  public List<String> strings(String field) throws InputException {
    List<String> out = new ArrayList<>();
    for (Node e : list(field)) {
      out.add(e.text());
    }
    return out;
  }

  /** A mapping of names to strings, in document order. */
  public Map<String, String> stringMap(String field) throws InputException {
    Node n = optional(field);
    if (n == null) {
      return Map.of();
    }
    if (!n.json.isObject()) {
      throw n.error("expected a mapping of names to names, found " + kind(n.json));
    }
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<String> names = n.json.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      out.put(k, new Node(n, n.json.get(k), k, -1).text());
    }
    return out;
  }

  static String kind(JsonNode n) {
    if (n == null || n.isNull()) {
      return "nothing";
    }
    if (n.isObject()) {
      return "a mapping";
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isTextual()) {
      return "the string '" + abbreviate(n.asText()) + "'";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    if (n.isNumber()) {
      return "the number " + n.asText();
    }
    return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }

  /** For messages that list choices. */
  public static String choices(String... values) {
    return String.join(", ", Arrays.asList(values));
  }
}
