package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/spec/cli.md is the contract automation reads: every command has its section there, every
 * option of the command is named in it, and every section names a command that exists.
 */
class CliContractTest {
  static final Path CLI_MD = Path.of("../docs/spec/cli.md");
  private static final Pattern SECTION = Pattern.compile("(?m)^### vsguard ([a-z ]+)$");
  private static final List<String> EVERYWHERE = List.of("-h", "--help", "-V", "--version");

  /** The text of each "### vsguard COMMAND" section, by command path. */
  static Map<String, String> sections() throws Exception {
    String md = Files.readString(CLI_MD);
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = SECTION.matcher(md);
    List<int[]> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (m.find()) {
      starts.add(new int[] {m.start(), m.end()});
      names.add(m.group(1).strip());
    }
    for (int i = 0; i < names.size(); i++) {
      int end =
          i + 1 < starts.size() ? starts.get(i + 1)[0] : md.indexOf("\n## ", starts.get(i)[1]);
      out.put(names.get(i), md.substring(starts.get(i)[1], end < 0 ? md.length() : end));
    }
    return out;
  }

  /** Commands that do something (not groups), by path, with their picocli model. */
  static Map<String, CommandLine> leaves() {
    CommandLine root =
        VsguardCommand.newCommandLine(
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    Map<String, CommandLine> out = new LinkedHashMap<>();
    List<CommandLine> todo = new ArrayList<>(root.getSubcommands().values());
    while (!todo.isEmpty()) {
      CommandLine cl = todo.remove(0);
      String path = cl.getCommandSpec().qualifiedName(" ").substring("vsguard ".length());
      if (cl.getSubcommands().isEmpty()
          || cl.getSubcommands().keySet().equals(java.util.Set.of("help"))) {
        if (!path.endsWith(" help")) {
          out.put(path, cl);
        }
      } else {
        todo.addAll(cl.getSubcommands().values());
      }
    }
    return out;
  }

  @Test
  void everyCommandHasItsSectionNamingEveryOption() throws Exception {
    Map<String, String> sections = sections();
    Map<String, CommandLine> leaves = leaves();
    assertThat(leaves)
        .containsKeys("check", "stage", "inventory export", "audit verify", "completion");
    leaves.forEach(
        (path, cl) -> {
          assertThat(sections)
              .as("a section '### vsguard " + path + "' in " + CLI_MD)
              .containsKey(path);
          String text = sections.get(path);
          for (OptionSpec o : cl.getCommandSpec().options()) {
            for (String name : o.names()) {
              if (!EVERYWHERE.contains(name)) {
                assertThat(text)
                    .as(CLI_MD + ", vsguard " + path + " names " + name)
                    .contains("`" + name);
              }
            }
          }
          assertThat(text)
              .as(CLI_MD + ", vsguard " + path + " gives its exit codes")
              .containsIgnoringCase("exit code");
        });
  }

  @Test
  void everySectionNamesACommandThatExists() throws Exception {
    Map<String, CommandLine> leaves = leaves();
    for (String path : sections().keySet()) {
      assertThat(leaves.containsKey(path) || path.equals("help"))
          .as("vsguard " + path + " exists")
          .isTrue();
    }
  }

  @Test
  void theProblemTypesAreTheServersOwn() throws Exception {
    String md = Files.readString(CLI_MD);
    for (io.vsguard.cli.serve.Problem.Kind k : io.vsguard.cli.serve.Problem.Kind.values()) {
      io.vsguard.cli.serve.Problem p = io.vsguard.cli.serve.Problem.of(k, "");
      String slug = p.type().substring("urn:vsguard:problem:".length());
      assertThat(md)
          .as(k + " in " + CLI_MD)
          .containsPattern("\\| " + p.status() + " \\| `" + slug + "` \\|");
    }
  }
}
