package io.vsguard.cli;

import static io.vsguard.cli.CheckCommandTest.INCIDENT_INVENTORY;
import static io.vsguard.cli.CheckCommandTest.INCIDENT_PLAN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vsguard.core.text.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, smaller ones: a lone surrogate in a plan (a JSON escape that encodes half a character)
 * was decided on and recorded as "?": what was recorded was not what was sent. It is refused,
 * naming the file, the line and the field.
 */
class InvalidUnicodeTest {
  @TempDir Path dir;

  @Test
  void aLoneSurrogateInAPlanIsRefusedNotRecordedAsAQuestionMark() throws Exception {
    ObjectNode plan = (ObjectNode) Json.yaml().readTree(Files.readString(Path.of(INCIDENT_PLAN)));
    String json =
        Json.json()
            .writeValueAsString(plan)
            .replace("\"Move Paris hosts", "\"\\ud800Move Paris hosts");
    Path file = dir.resolve("plan.json");
    Files.writeString(file, json);
    Path log = dir.resolve("audit.jsonl");

    Cli r =
        Cli.run(
            "check",
            "--plan",
            file.toString(),
            "--inventory",
            INCIDENT_INVENTORY,
            "--audit-log",
            log.toString());
    assertThat(r.exit()).as(r.out()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains(file + ":", "metadata.title", "lone surrogate", "\\uD800");
    assertThat(log).doesNotExist();
  }

  @Test
  void anInventoryNameWithALoneSurrogateIsRefusedToo() throws Exception {
    String inv =
        Files.readString(Path.of(INCIDENT_INVENTORY))
            .replaceFirst("\"esx-par-01\"", "\"esx-par-01\\\\udc00\"");
    Path file = dir.resolve("inventory.json");
    Files.writeString(file, inv);
    Cli r =
        Cli.run(
            "check",
            "--plan",
            INCIDENT_PLAN,
            "--inventory",
            file.toString(),
            "--audit-log",
            dir.resolve("audit.jsonl").toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err()).contains(file + ":", "lone surrogate");
  }

  @Test
  void bytesThatAreNotUtf8AreRefusedNamingTheLineAndTheBytes() throws Exception {
    byte[] plan = Files.readAllBytes(Path.of(INCIDENT_PLAN));
    // offsets in bytes: the plan's comments hold characters beyond ASCII
    String ascii = new String(plan, java.nio.charset.StandardCharsets.ISO_8859_1);
    int title = ascii.indexOf("title:");
    int line = (int) ascii.substring(0, title).chars().filter(c -> c == '\n').count() + 1;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(plan, 0, title + "title: ".length());
    // Latin-1 "é" (0xE9) where UTF-8 wanted two bytes; an encoded surrogate half (CESU-8) after it
    out.write(new byte[] {(byte) 0xE9, ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80, ' '});
    out.write(plan, title + "title: ".length(), plan.length - title - "title: ".length());
    Path file = dir.resolve("plan.yaml");
    Files.write(file, out.toByteArray());
    Path log = dir.resolve("audit.jsonl");

    Cli r =
        Cli.run(
            "check",
            "--plan",
            file.toString(),
            "--inventory",
            INCIDENT_INVENTORY,
            "--audit-log",
            log.toString());
    assertThat(r.exit()).as(r.out()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err())
        .contains(
            file
                + ":"
                + line
                + ": not UTF-8 text: byte 0xE9 at offset "
                + (title + "title: ".length()),
            "save the" + " document as UTF-8");
    assertThat(log).doesNotExist();
  }
}
