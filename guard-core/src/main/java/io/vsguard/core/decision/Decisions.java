package io.vsguard.core.decision;

import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.Rollout;
import io.vsguard.core.rule.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** Builds Decision documents; the only place that fills in ids, timestamps and hashes. */
public final class Decisions {
  public static final String ENGINE_VERSION = loadVersion();

  private Decisions() {}

  public static Decision of(
      List<Finding> findings,
      Decision.PlanRef plan,
      Decision.InventoryRef inventory,
      Decision.PolicyRef policy,
      Rollout suggestedRollout,
      Instant now) {
    return new Decision(
        Inventory.API_VERSION,
        Decision.KIND,
        UUID.randomUUID().toString(),
        now,
        Verdict.of(findings),
        plan,
        inventory,
        policy,
        findings,
        suggestedRollout,
        null,
        new Decision.Engine(ENGINE_VERSION));
  }

  /** The guard could not evaluate: ERROR, with what it knows about the inputs and why. */
  public static Decision error(
      String message,
      Decision.PlanRef plan,
      Decision.InventoryRef inventory,
      Decision.PolicyRef policy,
      Instant now) {
    return new Decision(
        Inventory.API_VERSION,
        Decision.KIND,
        UUID.randomUUID().toString(),
        now,
        Verdict.ERROR,
        plan,
        inventory,
        policy,
        List.of(),
        null,
        new Decision.Error(message),
        new Decision.Engine(ENGINE_VERSION));
  }

  /**
   * How a decision names the inventory it was made on; {@code sha256} covers the bytes it was read
   * from.
   */
  public static Decision.InventoryRef inventoryRef(Inventory inv, String sha256) {
    String source = inv.source() == null ? null : inv.source().url();
    String tls = inv.source() == null ? null : inv.source().tls();
    return new Decision.InventoryRef(inv.capturedAt(), source, sha256, tls);
  }

  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String loadVersion() {
    try (InputStream in =
        Decisions.class.getResourceAsStream("/io/vsguard/core/engine.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
