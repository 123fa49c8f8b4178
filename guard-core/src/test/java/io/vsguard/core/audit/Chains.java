package io.vsguard.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on a verification's outcome, leaving its trail to the tests that are about it. */
final class Chains {
  private Chains() {}

  static void assertIntact(Verification v, long records, String head) {
    assertThat(v)
        .isInstanceOfSatisfying(
            Verification.Intact.class,
            i -> {
              assertThat(i.records()).isEqualTo(records);
              assertThat(i.headSha256()).isEqualTo(head);
            });
  }
}
