package io.vsguard.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process is killed (SIGKILL) in the middle of its stream of appends while a thread of
 * this JVM keeps appending too: every record it acknowledged must be in the log, and the log must
 * still verify (at worst with a torn, unacknowledged tail, which the next append repairs).
 */
class AuditCrashTest {
  static final int ACKS_BEFORE_KILL = 40;

  @Test
  void everyAcknowledgedRecordSurvivesAKill(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("audit.jsonl");
    // stdout goes to a file: Process.destroyForcibly closes the pipes, and a line printed just
    // before the kill is still an acknowledged record
    Path acks = dir.resolve("acks.txt");
    Process writer = Writers.builder(log, -1, "victim").redirectOutput(acks.toFile()).start();
    JsonlAuditStore store = new JsonlAuditStore(log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int bystanders = 0;
    while (Files.readAllLines(acks).size() < ACKS_BEFORE_KILL) {
      assertThat(writer.isAlive()).as("writer died on its own").isTrue();
      assertThat(System.nanoTime()).as("writer too slow").isLessThan(deadline);
      store.append(Records.entry("bystander-" + ++bystanders));
      Thread.sleep(10);
    }
    writer.destroyForcibly();
    assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<String> acknowledged = new ArrayList<>();
    for (String line : Files.readAllLines(acks)) {
      if (line.matches("[0-9a-f-]{36}")) {
        acknowledged.add(line);
      }
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

    Verification afterKill = store.verify();
    assertThat(afterKill).isNotInstanceOf(Verification.Broken.class);
    for (String id : acknowledged) {
      assertThat(store.find(id)).as("acknowledged record " + id).hasSize(1);
    }

    AuditRecord next = store.append(Records.entry("after-crash"));
    assertThat(next.seq()).isEqualTo(afterKill.records() + 1);
    assertThat(store.verify())
        .isInstanceOfSatisfying(
            Verification.Intact.class,
            v -> {
              assertThat(v.records()).isEqualTo(afterKill.records() + 1);
              assertThat(v.headSha256()).isEqualTo(next.sha256());
            });
    System.out.printf(
        "audit crash: %d acknowledged before the kill, %d records after it (%s)%n",
        acknowledged.size(), afterKill.records(), afterKill.getClass().getSimpleName());
  }
}
