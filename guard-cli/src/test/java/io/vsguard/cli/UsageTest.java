package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Automation relies on exit 2 for a call that asked for nothing: a missing subcommand is not a
 * success.
 */
class UsageTest {
  @Test
  void noSubcommandIsAUsageError() {
    Cli r = Cli.run();
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err())
        .contains(
            "vsguard: expected a subcommand: check, stage, apply, inventory, rules, policy, audit, serve");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aGroupWithoutItsSubcommandIsAUsageError() {
    for (String group : new String[] {"audit", "policy", "inventory"}) {
      Cli r = Cli.run(group);
      assertThat(r.exit()).as(group).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(r.err()).as(group).contains("vsguard " + group + ": expected a subcommand: ");
    }
  }

  @Test
  void helpIsASuccess() {
    Cli r = Cli.run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Usage: vsguard");
  }
}
