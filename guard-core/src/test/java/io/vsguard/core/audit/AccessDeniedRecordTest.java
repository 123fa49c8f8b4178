package io.vsguard.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refused API requests share the decisions' chain but are never taken for decisions. */
class AccessDeniedRecordTest {
  @TempDir Path dir;

  @Test
  void accessRecordsChainWithDecisionsAndStayOutOfQueries() throws Exception {
    JsonlAuditStore store = new JsonlAuditStore(dir.resolve("audit.jsonl"));
    AuditRecord first = store.append(Records.entry("CHG-1"));
    AuditRecord denied =
        store.appendAccessDenied(
            AuditRecord.Actor.unauthenticated("127.0.0.1"),
            new AuditRecord.AccessDenied(
                "POST", "/v1/checks", AuditRecord.AccessDenied.UNKNOWN_TOKEN));
    AuditRecord third = store.append(Records.entry("CHG-2"));

    assertThat(denied.seq()).isEqualTo(2);
    assertThat(denied.prev()).isEqualTo(first.sha256());
    assertThat(third.prev()).isEqualTo(denied.sha256());
    assertThat(denied.hasDecision()).isFalse();
    assertThat(denied.id()).isNull();
    Chains.assertIntact(store.verify(), 3, third.sha256());

    assertThat(store.list(AuditQuery.ALL))
        .extracting(AuditRecord::id)
        .containsExactly(first.id(), third.id());
    assertThat(store.find("")).hasSize(2);

    List<String> lines = Files.readAllLines(store.file());
    assertThat(lines.get(1))
        .contains(
            "\"actor\":{\"type\":\"unauthenticated\",\"name\":\"127.0.0.1\"}",
            "\"accessDenied\":{\"method\":\"POST\",\"path\":\"/v1/checks\",\"reason\":\"unknown-token\"}",
            "\"decision\":null");
    assertThat(lines.get(0))
        .as("decision records do not change shape")
        .doesNotContain("accessDenied");

    // removing the access record breaks the chain like removing a decision would
    Files.write(store.file(), List.of(lines.get(0), lines.get(2)));
    assertThat(store.verify()).isInstanceOf(Verification.Broken.class);
  }
}
