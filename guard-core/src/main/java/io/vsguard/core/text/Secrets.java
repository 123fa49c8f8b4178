package io.vsguard.core.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets this process knows (the vCenter password, a password written into a URL, keystore and
 * trust store passwords), so they can be taken out of any text before it is printed, recorded or
 * answered: a vCenter, a proxy or a library may repeat a password in an error, and a message does
 * not know what it carries. Every output edge calls {@link #scrub}: the command line's writers, the
 * audit log's record, the HTTP API's answers.
 *
 * <p>Process-wide on purpose: secrets are learnt deep in option handling, and every edge, however
 * far from there, must see them. A secret shorter than {@link #MIN_LENGTH} is not taken out (it
 * would take out ordinary words with it); vCenter passwords are longer.
 */
public final class Secrets {
  public static final int MIN_LENGTH = 6;
  public static final String MASK = "***";
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

  private Secrets() {}

  /** Remembers a secret, as written and as JSON and URLs spell it. */
  public static void register(String secret) {
    if (secret == null || secret.length() < MIN_LENGTH) {
      return;
    }
    KNOWN.add(secret);
    KNOWN.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    try {
      String json = Json.json().writeValueAsString(secret);
      KNOWN.add(json.substring(1, json.length() - 1));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a string always serialises", e);
    }
  }

  /** True when {@code text} holds a known secret. */
  /** Whether no secret is known to this process (nothing to scrub). */
  public static boolean noneKnown() {
    return KNOWN.isEmpty();
  }

  public static boolean foundIn(String text) {
    if (text == null || KNOWN.isEmpty()) {
      return false;
    }
    for (String s : KNOWN) {
      if (text.contains(s)) {
        return true;
      }
    }
    return false;
  }

  /** {@code text} with every known secret replaced by {@value #MASK}. */
  public static String scrub(String text) {
    if (!foundIn(text)) {
      return text;
    }
    List<String> longestFirst = new ArrayList<>(KNOWN);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    String out = text;
    for (String s : longestFirst) {
      out = out.replace(s, MASK);
    }
    return out;
  }

  /**
   * A JSON document with every known secret taken out of its strings (values and names), so the
   * document stays valid whatever the secret looks like; unchanged when it holds none.
   */
  public static String scrubJson(String json) {
    if (!foundIn(json)) {
      return json;
    }
    try {
      JsonNode tree = Json.json().readTree(json);
      return Json.json().writeValueAsString(scrubTree(tree));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return scrub(json);
    }
  }

  private static JsonNode scrubTree(JsonNode n) {
    if (n.isTextual()) {
      return TextNode.valueOf(scrub(n.asText()));
    }
    if (n instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, scrubTree(a.get(i)));
      }
      return a;
    }
    if (n instanceof ObjectNode o) {
      ObjectNode out = o.objectNode();
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(scrub(e.getKey()), scrubTree(e.getValue()));
      }
      return out;
    }
    return n;
  }
}
