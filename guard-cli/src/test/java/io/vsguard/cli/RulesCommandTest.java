package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RulesCommandTest {
  @Test
  void listsTheCatalog() {
    Cli r = Cli.run("rules");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("lacp-direct-migration", "all-hosts-at-once", "management-connectivity");
  }

  @Test
  void explainsLacpDirectMigration() {
    Cli r = Cli.run("rules", "lacp-direct-migration");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains(
            "# lacp-direct-migration",
            "## Why it matters",
            "2016",
            "standard switch",
            "Remediation:",
            "Reference:",
            "321425");
  }

  @Test
  void anUnknownRuleIsAnInputError() {
    Cli r = Cli.run("rules", "no-such-rule");
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains("no rule 'no-such-rule'");
  }
}
