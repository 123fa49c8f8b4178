package io.vsguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.text.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./vsguard launcher as a user runs it. An integration test (failsafe, ./mvnw verify): it needs
 * guard-cli's jar, which the reactor packages before this module. The class-data sharing archive is
 * written by the first check and used by the next, and no run prints anything on stdout but the one
 * Decision document.
 */
class LauncherIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private record Run(int exit, String out, String err) {}

  private static Run vsguard(Path dir, String cds, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(ROOT.resolve("vsguard").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(ROOT.toFile())
            .redirectOutput(dir.resolve("out").toFile())
            .redirectError(dir.resolve("err").toFile());
    pb.environment().put("VSGUARD_CDS", cds);
    pb.environment().remove("VSGUARD_JAVA_OPTS");
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("vsguard finished").isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
  }

  private static List<Path> archives() throws IOException {
    try (Stream<Path> s = Files.list(ROOT.resolve("guard-cli/target"))) {
      return s.filter(p -> p.getFileName().toString().endsWith("cds.jsa")).toList();
    }
  }

  private static JsonNode decision(Run r) throws IOException {
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    JsonNode d = Json.json().readTree(r.out());
    assertThat(d.get("verdict").asText()).isEqualTo("BLOCK");
    assertThat(Json.pretty(d).strip())
        .as("stdout holds the decision and nothing else")
        .isEqualTo(r.out().strip());
    return d;
  }

  @Test
  void theFirstCheckWritesTheArchiveTheNextUsesItAndStdoutStaysOneDocument(@TempDir Path dir)
      throws Exception {
    assertThat(ROOT.resolve("guard-cli/target/vsguard.jar"))
        .as("built by guard-cli's package phase")
        .exists();
    for (Path a : archives()) {
      Files.delete(a);
    }
    String[] check = {
      "check",
      "--plan",
      "examples/incident/plan.yaml",
      "--inventory",
      "examples/incident/inventory.json",
      "--audit-log",
      dir.resolve("audit.jsonl").toString(),
      "--output",
      "json"
    };
    decision(vsguard(dir, "on", check));
    assertThat(archives()).as("archive written by the first check").hasSize(1);
    Path archive = archives().get(0);
    long written = Files.getLastModifiedTime(archive).toMillis();
    decision(vsguard(dir, "on", check));
    assertThat(archives()).containsExactly(archive);
    assertThat(Files.getLastModifiedTime(archive).toMillis())
        .as("used, not rewritten")
        .isEqualTo(written);
    decision(vsguard(dir, "off", check));
  }
}
