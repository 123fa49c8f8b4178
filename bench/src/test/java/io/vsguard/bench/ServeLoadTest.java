package io.vsguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ServeLoadTest {
  @Test
  void percentilesAreNearestRank() {
    long[] sorted = LongStream.rangeClosed(1, 100).toArray();
    assertEquals(50, ServeLoad.percentile(sorted, 50));
    assertEquals(99, ServeLoad.percentile(sorted, 99));
    assertEquals(7, ServeLoad.percentile(new long[] {7}, 99));
    assertEquals(0, ServeLoad.percentile(new long[0], 50));
  }

  @Test
  void theBodyCarriesTheYamlPlanAndTheInventoryAsJsonObjects() throws Exception {
    byte[] body =
        ServeLoad.body(
            Path.of("../examples/incident/plan.yaml"),
            Path.of("../examples/incident/inventory.json"));
    JsonNode root = new ObjectMapper().readTree(body);
    assertEquals("ChangePlan", root.path("plan").path("kind").asText());
    assertEquals("Inventory", root.path("inventory").path("kind").asText());
    assertEquals(2, root.size(), "only plan and inventory: the server refuses anything else");
  }
}
