package io.vsguard.cli.apply;

import io.vsguard.core.load.DocumentReader;
import io.vsguard.core.load.InputException;
import io.vsguard.core.load.Limits;
import io.vsguard.core.text.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a run of a plan on a vCenter stands, for {@code --resume}: the decision it carries out, the
 * hosts done (steps carried out and verified) and the gates passed. It lives next to the audit log,
 * in {@code apply/KEY.state.json} ({@code KEY}: the first 16 hex digits of the SHA-256 of the
 * vCenter URL and the plan's sha256), with the inventory the check was made on beside it ({@code
 * KEY.inventory.json}, the bytes the decision's inventory sha256 covers), from which the
 * simulation's prediction is rebuilt. The audit chain holds the same points as records; this file
 * only says where to start. Written whole to a temporary file and moved into place.
 */
public record ApplyState(
    String applyId,
    String vcenter,
    String planSha256,
    String decisionId,
    String inventorySha256,
    List<String> hostsDone,
    int wavesPassed,
    String status) {
  public static final String RUNNING = "running";
  public static final String HALTED = "halted";
  public static final String COMPLETED = "completed";

  public ApplyState {
    hostsDone = List.copyOf(hostsDone);
  }

  public ApplyState with(List<String> hosts, int waves, String newStatus) {
    return new ApplyState(
        applyId, vcenter, planSha256, decisionId, inventorySha256, hosts, waves, newStatus);
  }

  /** The directory beside the audit log that holds apply's state and locks. */
  public static Path directory(Path auditLog) {
    Path parent = auditLog.toAbsolutePath().getParent();
    return parent.resolve("apply");
  }

  public static Path stateFile(Path dir, String vcenter, String planSha256) {
    return dir.resolve(key(vcenter + "\n" + planSha256) + ".state.json");
  }

  public static Path inventoryFile(Path stateFile) {
    String name = stateFile.getFileName().toString();
    return stateFile.resolveSibling(
        name.substring(0, name.length() - ".state.json".length()) + ".inventory.json");
  }

  /** Read within the inventory's size limit: its host list is at most the inventory's hosts. */
  public static ApplyState load(Path file) throws IOException, InputException {
    return Json.json()
        .readValue(DocumentReader.readBytes(file, Limits.INVENTORY_BYTES), ApplyState.class);
  }

  public void save(Path file) throws IOException {
    write(file, (Json.pretty(this) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static String key(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
