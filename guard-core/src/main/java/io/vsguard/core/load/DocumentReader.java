package io.vsguard.core.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses a JSON or YAML document into a tree that remembers the line of every field, so that
 * validation errors can say {@code plan.yaml:14: spec.changes[0].action: ...} instead of a stack
 * trace. Jackson's own tree loses locations; this walks the token stream once and keeps them.
 */
public final class DocumentReader {
  private static final JsonFactory JSON = new JsonFactory();
  // Sizes are bounded by Limits before parsing, with a message that names the limit; SnakeYAML's
  // own bound (3 MiB of code points by default) would refuse a staged plan of a large site.
  private static final YAMLFactory YAML =
      YAMLFactory.builder()
          .loaderOptions(yamlOptions())
          // as new YAMLFactory() has it: an empty value (`vmkernels:`) is null, not ""
          .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.EMPTY_STRING_AS_NULL)
          .build();

  private static org.yaml.snakeyaml.LoaderOptions yamlOptions() {
    org.yaml.snakeyaml.LoaderOptions o = new org.yaml.snakeyaml.LoaderOptions();
    o.setCodePointLimit(
        (int) Math.min(Integer.MAX_VALUE, Limits.INVENTORY_BYTES + Limits.PLAN_BYTES));
    return o;
  }

  private static final int MAX_DEPTH = 64;

  private DocumentReader() {}

  /** The parsed document: its root, the name used in messages, and the line of each field path. */
  public record Document(String name, JsonNode root, Map<String, Integer> lines) {
    public int lineOf(String path) {
      return lines.getOrDefault(path, 0);
    }

    public Node rootNode() {
      return new Node(this, root, "");
    }

    public InputException error(String path, String message) {
      return new InputException(name, path, lineOf(path), message);
    }
  }

  public static Document read(Path file) throws InputException {
    return read(file, Limits.PLAN_BYTES);
  }

  /** Reads a file of at most {@code maxBytes}; a larger one is refused before it is read. */
  public static Document read(Path file, long maxBytes) throws InputException {
    return decode(file.toString(), readBytes(file, maxBytes), maxBytes);
  }

  /**
   * A file's bytes, refused with the limit in the message when it is larger than {@code maxBytes}.
   */
  public static byte[] readBytes(Path file, long maxBytes) throws InputException {
    String name = file.toString();
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw tooLarge(name, size, maxBytes);
      }
      byte[] raw = Files.readAllBytes(file);
      if (raw.length > maxBytes) {
        throw tooLarge(name, raw.length, maxBytes); // it grew while being read
      }
      return raw;
    } catch (NoSuchFileException e) {
      throw new InputException(name, "", 0, "file not found");
    } catch (java.nio.file.AccessDeniedException e) {
      throw new InputException(name, "", 0, "permission denied");
    } catch (IOException e) {
      throw new InputException(name, "", 0, "cannot read file: " + e.getMessage());
    }
  }

  private static InputException tooLarge(String name, long size, long maxBytes) {
    return new InputException(
        name,
        "",
        0,
        "the document is "
            + Limits.size(size)
            + "; the limit is "
            + Limits.size(maxBytes)
            + " (docs/spec/formats.md, Limits)");
  }

  /** Decodes a document read elsewhere (a file already in memory, an HTTP body). */
  public static Document decode(String name, byte[] raw) throws InputException {
    return decode(name, raw, Limits.PLAN_BYTES);
  }

  /** Decodes a document of at most {@code maxBytes}. */
  public static Document decode(String name, byte[] raw, long maxBytes) throws InputException {
    if (raw.length > maxBytes) {
      throw tooLarge(name, raw.length, maxBytes);
    }
    String text = utf8(name, raw);
    return parse(name, text, looksLikeYaml(name, text));
  }

  /**
   * The text of a document, refused when it is not UTF-8, naming the line and the first bytes that
   * are not: a replacement character would change what was sent, and "not UTF-8" alone leaves the
   * author searching a large file.
   */
  public static String utf8(String name, byte[] raw) throws InputException {
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(raw);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(raw.length);
    java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    java.nio.charset.CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        line += raw[i] == '\n' ? 1 : 0;
      }
      StringBuilder bytes = new StringBuilder();
      for (int i = at; i < Math.min(raw.length, at + r.length()); i++) {
        bytes
            .append(bytes.length() == 0 ? "" : " ")
            .append(String.format(java.util.Locale.ROOT, "0x%02X", raw[i] & 0xff));
      }
      throw new InputException(
          name,
          "",
          line,
          "not UTF-8 text: byte "
              + bytes
              + " at offset "
              + at
              + " is not valid UTF-8 (save the document as UTF-8)");
    }
    return out.flip().toString();
  }

  private static boolean looksLikeYaml(String name, String text) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return true;
    }
    if (lower.endsWith(".json")) {
      return false;
    }
    String trimmed = text.stripLeading();
    return !(trimmed.startsWith("{") || trimmed.startsWith("["));
  }

  /**
   * Parses {@code text}; YAML is a superset of JSON, but JSON errors read better from the JSON
   * parser. A well-formed document is read once, without tracking lines; the line of each field
   * path is worked out (by a second, tracking pass) only when a message needs one. A document the
   * first pass refuses is read again by the tracking pass, which says where and why.
   */
  public static Document parse(String name, String text, boolean yaml) throws InputException {
    if (text.isBlank()) {
      throw new InputException(name, "", 0, "document is empty");
    }
    JsonNode root = untracked(text, yaml);
    if (root == null) {
      return tracked(name, text, yaml);
    }
    return new Document(name, root, new Lines(name, text, yaml));
  }

  /** The line of every field path, found on first use by reading the document again. */
  private static final class Lines extends java.util.AbstractMap<String, Integer> {
    private final String name;
    private final String text;
    private final boolean yaml;
    private Map<String, Integer> lines;

    Lines(String name, String text, boolean yaml) {
      this.name = name;
      this.text = text;
      this.yaml = yaml;
    }

    private synchronized Map<String, Integer> lines() {
      if (lines == null) {
        try {
          lines = tracked(name, text, yaml).lines();
        } catch (InputException e) {
          throw new IllegalStateException(
              "a document read once cannot be read again: " + e.getMessage(), e);
        }
      }
      return lines;
    }

    @Override
    public Integer get(Object key) {
      return lines().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return lines().containsKey(key);
    }

    @Override
    public java.util.Set<Entry<String, Integer>> entrySet() {
      return lines().entrySet();
    }
  }

  /** The tree of a well-formed document, or null when the tracking pass must say what is wrong. */
  private static JsonNode untracked(String text, boolean yaml) {
    try (JsonParser p = (yaml ? YAML : JSON).createParser(text)) {
      if (p.nextToken() == null) {
        return null;
      }
      JsonNode root = untrackedValue(p, 0);
      return root == null || p.nextToken() != null ? null : root;
    } catch (IOException | RuntimeException e) {
      return null; // the tracking pass reads it again and says what is wrong
    }
  }

  /**
   * As {@link #readValue}, building the same nodes, without paths or lines; null on any problem.
   */
  private static JsonNode untrackedValue(JsonParser p, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      return null;
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          ObjectNode obj = f.objectNode();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (obj.has(field) || io.vsguard.core.text.SafeText.loneSurrogate(field) >= 0) {
              return null;
            }
            p.nextToken();
            JsonNode v = untrackedValue(p, depth + 1);
            if (v == null) {
              return null;
            }
            obj.set(field, v);
          }
          return obj;
        }
      case START_ARRAY:
        {
          ArrayNode arr = f.arrayNode();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonNode v = untrackedValue(p, depth + 1);
            if (v == null) {
              return null;
            }
            arr.add(v);
          }
          return arr;
        }
      case VALUE_STRING:
        {
          // not valid Unicode: the tracking pass names the field and the character
          String text = p.getText();
          return io.vsguard.core.text.SafeText.loneSurrogate(text) >= 0 ? null : f.textNode(text);
        }
      case VALUE_NUMBER_INT:
        return f.numberNode(p.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        return f.numberNode(p.getDecimalValue());
      case VALUE_TRUE:
        return f.booleanNode(true);
      case VALUE_FALSE:
        return f.booleanNode(false);
      case VALUE_NULL:
        return f.nullNode();
      default:
        return null;
    }
  }

  /**
   * The first reading pass as it always was: every field's line recorded, every problem located.
   */
  private static Document tracked(String name, String text, boolean yaml) throws InputException {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = (yaml ? YAML : JSON).createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new InputException(name, "", 0, "document is empty");
      }
      JsonNode root = readValue(p, "", lines, 0, name);
      JsonToken trailing = p.nextToken();
      if (trailing != null && !yaml) {
        throw new InputException(
            name,
            "",
            line(p.currentTokenLocation()),
            "unexpected content after the end of the document");
      }
      if (trailing != null) {
        throw new InputException(
            name,
            "",
            line(p.currentTokenLocation()),
            "more than one YAML document in the file; expected exactly one");
      }
      return new Document(name, root, Map.copyOf(lines));
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      int at = loc == null ? 0 : line(loc);
      // SnakeYAML says what it was parsing and, separately, what it found instead: both matter.
      if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException y
          && y.getProblem() != null) {
        String context = y.getContext() == null ? "" : y.getContext() + ": ";
        int problemLine = y.getProblemMark() == null ? at : y.getProblemMark().getLine() + 1;
        throw new InputException(
            name, "", problemLine, "invalid YAML: " + context + y.getProblem());
      }
      throw new InputException(
          name,
          "",
          at,
          (yaml ? "invalid YAML: " : "invalid JSON: ") + readable(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new InputException(name, "", 0, "cannot parse: " + firstLine(e.getMessage()));
    }
  }

  /** Jackson's wording without its internals (source descriptions, feature names). */
  static String readable(String msg) {
    String m = firstLine(msg);
    java.util.regex.Matcher open =
        java.util.regex.Pattern.compile(
                "Unexpected end-of-input: expected close marker for (Array|Object) \\(start marker at .*line: (\\d+).*")
            .matcher(m);
    if (open.matches()) {
      return "the document ends early: the "
          + (open.group(1).equals("Array") ? "list" : "object")
          + " opened at line "
          + open.group(2)
          + " is not closed (truncated file?)";
    }
    if (m.startsWith("Unexpected end-of-input")) {
      return "the document ends early (truncated file?): "
          + m.substring("Unexpected end-of-input".length()).replaceFirst("^[:;,]\\s*", "");
    }
    int src = m.indexOf("[Source");
    if (src < 0) {
      return m;
    }
    // Cut the location clause Jackson appends: " (for Array starting at [Source…" or " at
    // [Source…".
    int paren = m.lastIndexOf(" (", src);
    int at = m.lastIndexOf(" at ", src);
    return m.substring(0, Math.max(0, paren >= 0 ? paren : at)).trim();
  }

  private static String firstLine(String msg) {
    if (msg == null) {
      return "unreadable";
    }
    int nl = msg.indexOf('\n');
    return nl < 0 ? msg : msg.substring(0, nl);
  }

  /**
   * Refuses a string that is not Unicode: a lone surrogate, which a JSON escape such as {@code
   * \\ud800} can spell but no UTF-8 can hold. Kept, it would be decided on and recorded as
   * something else than what was sent (a '?').
   */
  private static String validUnicode(String text, String path, JsonParser p, String name)
      throws InputException {
    int at = io.vsguard.core.text.SafeText.loneSurrogate(text);
    if (at >= 0) {
      throw new InputException(
          name,
          path,
          line(p.currentTokenLocation()),
          "not valid Unicode: a lone surrogate ("
              + String.format(java.util.Locale.ROOT, "\\u%04X", (int) text.charAt(at))
              + ") at character "
              + (at + 1)
              + "; a \\u escape must spell a whole character (a pair such as \\uD83D\\uDE00 beyond U+FFFF)");
    }
    return text;
  }

  private static int line(JsonLocation loc) {
    return Math.max(0, loc.getLineNr());
  }

  private static JsonNode readValue(
      JsonParser p, String path, Map<String, Integer> lines, int depth, String name)
      throws IOException, InputException {
    if (depth > MAX_DEPTH) {
      throw new InputException(
          name,
          path,
          line(p.currentTokenLocation()),
          "nested deeper than " + MAX_DEPTH + " levels");
    }
    lines.putIfAbsent(path, line(p.currentTokenLocation()));
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          ObjectNode obj = f.objectNode();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            String childPath = path.isEmpty() ? field : path + "." + field;
            validUnicode(field, childPath, p, name);
            if (obj.has(field)) {
              throw new InputException(
                  name, childPath, line(p.currentTokenLocation()), "duplicate key '" + field + "'");
            }
            lines.put(childPath, line(p.currentTokenLocation()));
            p.nextToken();
            obj.set(field, readValue(p, childPath, lines, depth + 1, name));
          }
          return obj;
        }
      case START_ARRAY:
        {
          ArrayNode arr = f.arrayNode();
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            arr.add(readValue(p, path + "[" + i + "]", lines, depth + 1, name));
            i++;
          }
          return arr;
        }
      case VALUE_STRING:
        return f.textNode(validUnicode(p.getText(), path, p, name));
      case VALUE_NUMBER_INT:
        return f.numberNode(p.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        return f.numberNode(p.getDecimalValue());
      case VALUE_TRUE:
        return f.booleanNode(true);
      case VALUE_FALSE:
        return f.booleanNode(false);
      case VALUE_NULL:
        return f.nullNode();
      default:
        throw new InputException(
            name, path, line(p.currentTokenLocation()), "unexpected " + t + " in document");
    }
  }
}
