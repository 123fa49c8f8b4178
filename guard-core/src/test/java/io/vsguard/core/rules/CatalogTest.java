package io.vsguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsguard.core.rule.Rule;
import io.vsguard.core.rule.RuleInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Walks the catalog: the metadata every rule must carry, and its documentation page. */
class CatalogTest {
  private final List<Rule> rules = Catalog.builtIn();

  @Test
  void idsAreUniqueAndSorted() {
    List<String> ids = rules.stream().map(r -> r.info().id()).toList();
    assertThat(ids).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void summariesAreOneLineWithoutATrailingPeriod() {
    for (Rule r : rules) {
      RuleInfo i = r.info();
      assertThat(i.summary()).as(i.id()).isNotBlank().doesNotEndWith(".").doesNotContain("\n");
      assertThat(Character.isUpperCase(i.summary().charAt(0)))
          .as(i.id() + " summary starts with a capital")
          .isTrue();
      assertThat(i.remediation()).as(i.id()).isNotBlank();
      assertThat(i.reference()).as(i.id()).isNotBlank();
    }
  }

  @Test
  void everyRuleIsAFinalClass() {
    for (Rule r : rules) {
      assertThat(java.lang.reflect.Modifier.isFinal(r.getClass().getModifiers()))
          .as(r.info().id())
          .isTrue();
    }
  }

  @Test
  void everyRuleHasADocsPageWithTheRequiredSections() {
    for (Rule r : rules) {
      String id = r.info().id();
      String doc = Catalog.docs(id).orElseThrow(() -> new AssertionError("no docs page for " + id));
      assertThat(doc)
          .as(id)
          .startsWith("# " + id)
          .contains(
              "## What it detects",
              "## Why it matters",
              "## Blocked example",
              "## Allowed example",
              "## Remediation",
              "## References");
    }
  }
}
