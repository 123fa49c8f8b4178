package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vsguard completion bash}: the script names every command, and bash, sourcing it, completes
 * commands, subcommands, options and option values. bash is required: without it this test fails.
 */
class CompletionCommandTest {
  @Test
  void theBashScriptNamesEveryCommand() {
    Cli r = Cli.run("completion", "bash");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_vsguard", "vsguard");
    for (String name :
        new String[] {
          "check",
          "stage",
          "inventory",
          "export",
          "rules",
          "policy",
          "validate",
          "test",
          "audit",
          "list",
          "show",
          "verify",
          "serve",
          "completion"
        }) {
      assertThat(r.out()).as(name).containsPattern("[\"' (]" + name + "[\"' )]");
    }
  }

  @Test
  void anUnknownShellIsAUsageErrorNamingTheChoices() {
    Cli r = Cli.run("completion", "fish");
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("bash").contains("fish");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void bashCompletesFromTheScript(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("vsguard.bash");
    Files.writeString(script, Cli.run("completion", "bash").out());
    Path driver = dir.resolve("complete.sh");
    // compopt only works inside a real completion; the script guards it with `type compopt`.
    Files.writeString(
        driver,
        """
        set -e
        source "$1"
        complete -p vsguard
        compopt() { :; }
        try() {
          COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
          COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
          _complete_vsguard vsguard "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
          echo "$* => ${COMPREPLY[*]}"
        }
        try vsguard che
        try vsguard audit ver
        try vsguard check --pl
        try vsguard check --output sa
        try vsguard completion b
        """);
    Process p =
        new ProcessBuilder("bash", driver.toString(), script.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("bash finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains(
            "-F _complete_vsguard vsguard\n",
            "vsguard che => check\n",
            "vsguard audit ver => verify\n",
            "vsguard check --pl => --plan\n",
            "vsguard check --output sa => sarif\n",
            "vsguard completion b => bash\n");
  }
}
