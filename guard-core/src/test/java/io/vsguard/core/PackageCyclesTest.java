package io.vsguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * guard-core's packages import each other in one direction only: a package that imports another
 * never is imported back, directly or around a loop. A loop is how "the engine" and "the stager"
 * stop being two things one can read apart; this test names the files that close it.
 *
 * <p>The graph is read from the sources: every {@code import io.vsguard.core.X…} line and every
 * fully qualified {@code io.vsguard.core.X.Type} in code (comments and strings left out), from the
 * package of the file to package X. Same-package references need no import and are no arrow.
 */
class PackageCyclesTest {
  private static final Path SOURCES = Path.of("src/main/java/io/vsguard/core");
  private static final Pattern REFERENCE =
      Pattern.compile("\\bio\\.vsguard\\.core\\.((?:[a-z][a-z0-9_]*\\.)+)[A-Z*]");

  @Test
  void guardCoreHasNoPackageCycle() throws IOException {
    Map<String, Map<String, Set<String>>> graph = read(SOURCES);
    assertThat(graph.keySet())
        .as("the packages read")
        .contains(
            "check", "engine", "stage", "sim", "rule", "rules", "policy", "plan", "model", "text");
    assertThat(graph.get("check"))
        .as("arrows read from the facade")
        .containsKeys("engine", "stage", "policy");
    assertThat(cycles(graph))
        .as("package cycles in guard-core (package -> package: the files that import)")
        .isEmpty();
  }

  /**
   * The detector itself: a loop of three packages, and one of two, are both found; a tree is not a
   * loop.
   */
  @Test
  void aLoopIsFoundAndATreeIsNot() {
    Map<String, Map<String, Set<String>>> g = new TreeMap<>();
    arrow(g, "engine", "stage", "Checker.java");
    arrow(g, "stage", "sim", "Stager.java");
    arrow(g, "sim", "engine", "ExecutionBuilder.java");
    arrow(g, "rule", "rules", "Catalog.java");
    arrow(g, "rules", "rule", "AllHostsAtOnce.java");
    arrow(g, "policy", "rule", "PolicyPack.java");
    assertThat(cycles(g))
        .containsExactly(
            "engine -> stage (Checker.java), stage -> sim (Stager.java), sim -> engine (ExecutionBuilder.java)",
            "rule -> rules (Catalog.java), rules -> rule (AllHostsAtOnce.java)");
    Map<String, Map<String, Set<String>>> tree = new TreeMap<>();
    arrow(tree, "check", "stage", "Checker.java");
    arrow(tree, "check", "engine", "Checker.java");
    arrow(tree, "stage", "engine", "Stager.java");
    assertThat(cycles(tree)).isEmpty();
  }

  /** package -> imported package -> the files that import it. */
  static Map<String, Map<String, Set<String>>> read(Path dir) throws IOException {
    Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path f : files) {
      String from =
          dir.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), ".");
      graph.computeIfAbsent(from, k -> new TreeMap<>());
      Matcher m = REFERENCE.matcher(code(Files.readString(f)));
      while (m.find()) {
        String to = m.group(1).substring(0, m.group(1).length() - 1);
        if (!to.equals(from)) {
          arrow(graph, from, to, f.getFileName().toString());
        }
      }
    }
    return graph;
  }

  private static void arrow(
      Map<String, Map<String, Set<String>>> g, String from, String to, String file) {
    g.computeIfAbsent(from, k -> new TreeMap<>())
        .computeIfAbsent(to, k -> new TreeSet<>())
        .add(file);
    g.computeIfAbsent(to, k -> new TreeMap<>());
  }

  /**
   * The source without comments and string literals, which name packages without depending on them.
   */
  static String code(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      if (source.startsWith("//", i)) {
        i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? source.length() : end + 2;
        out.append(' ');
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        i = end < 0 ? source.length() : end + 3;
        out.append("\"\"");
      } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
        char q = source.charAt(i++);
        while (i < source.length() && source.charAt(i) != q) {
          i += source.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
        out.append(q).append(q);
      } else {
        out.append(source.charAt(i++));
      }
    }
    return out.toString();
  }

  /**
   * Every loop, once, as its arrows with the files behind them: the strongly connected packages
   * (Tarjan), each walked from its first package along the shortest way back to it.
   */
  static List<String> cycles(Map<String, Map<String, Set<String>>> g) {
    List<String> out = new ArrayList<>();
    for (Set<String> component : components(g)) {
      if (component.size() == 1
          && !g.get(component.iterator().next()).containsKey(component.iterator().next())) {
        continue;
      }
      String start = component.iterator().next();
      List<String> loop = shortestLoop(g, component, start);
      List<String> arrows = new ArrayList<>();
      for (int i = 0; i < loop.size(); i++) {
        String a = loop.get(i);
        String b = loop.get((i + 1) % loop.size());
        arrows.add(a + " -> " + b + " (" + String.join(", ", g.get(a).get(b)) + ")");
      }
      Set<String> others = new TreeSet<>(component);
      loop.forEach(others::remove);
      out.add(
          String.join(", ", arrows)
              + (others.isEmpty() ? "" : "; also in this tangle: " + String.join(", ", others)));
    }
    return out;
  }

  private static List<String> shortestLoop(
      Map<String, Map<String, Set<String>>> g, Set<String> within, String start) {
    Map<String, String> cameFrom = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String at = queue.removeFirst();
      for (String next : g.get(at).keySet()) {
        if (next.equals(start)) {
          List<String> loop = new ArrayList<>();
          for (String p = at; p != null; p = cameFrom.get(p)) {
            loop.add(0, p);
          }
          return loop;
        }
        if (within.contains(next) && !cameFrom.containsKey(next)) {
          cameFrom.put(next, at);
          queue.addLast(next);
        }
      }
    }
    throw new IllegalStateException("no loop through " + start + " in " + within);
  }

  private static List<Set<String>> components(Map<String, Map<String, Set<String>>> g) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> out = new ArrayList<>();
    for (String v : g.keySet()) {
      if (!index.containsKey(v)) {
        strongConnect(v, g, index, low, stack, onStack, out);
      }
    }
    out.sort((a, b) -> a.iterator().next().compareTo(b.iterator().next()));
    return out;
  }

  private static void strongConnect(
      String v,
      Map<String, Map<String, Set<String>>> g,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<Set<String>> out) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    for (String w : g.get(v).keySet()) {
      if (!index.containsKey(w)) {
        strongConnect(w, g, index, low, stack, onStack, out);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      out.add(component);
    }
  }
}
