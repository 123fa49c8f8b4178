package io.vsguard.core.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.vsguard.core.model.Inventory;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.text.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan and inventory as documents, for rules that read them as a site's CEL rules do: the
 * documents' own JSON shape (field names as in docs/spec/formats.md), integers as long, absent and
 * null fields left out so {@code has()} works. Converted once per check, on first use.
 */
public final class Documents {
  private final ChangePlan plan;
  private final Inventory inventory;
  private Map<String, Object> planValue;
  private Map<String, Object> inventoryValue;

  public Documents(ChangePlan plan, Inventory inventory) {
    this.plan = plan;
    this.inventory = inventory;
  }

  public synchronized Map<String, Object> plan() {
    if (planValue == null) {
      planValue = asMap(plan);
    }
    return planValue;
  }

  public synchronized Map<String, Object> inventory() {
    if (inventoryValue == null) {
      inventoryValue = asMap(inventory);
    }
    return inventoryValue;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) convert(Json.json().valueToTree(value));
  }

  public static Object convert(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isNull()) {
          m.put(e.getKey(), convert(e.getValue()));
        }
      }
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(
          x -> {
            if (!x.isNull()) {
              l.add(convert(x));
            }
          });
      return l;
    }
    if (n.isIntegralNumber()) {
      return n.longValue();
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    return n.asText();
  }
}
