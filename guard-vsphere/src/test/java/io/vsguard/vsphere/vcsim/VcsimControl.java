package io.vsguard.vsphere.vcsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The harness's control endpoint and call log ({@code /vsguard/}, README "Control endpoint"):
 * injects faults into the simulated vCenter and tells which vim25 methods it served.
 */
public final class VcsimControl {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;

  VcsimControl(URI sdk, String thumbprint) {
    this.base = sdk.resolve("/vsguard/");
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if ("https".equals(sdk.getScheme())) {
      builder.sslContext(RawSoap.pinned(thumbprint));
    }
    this.http = builder.build();
  }

  /** One SOAP method the harness served; {@code write} unless it is a known read. */
  public record Call(long seq, String method, String target, boolean write) {}

  /**
   * A host as the fault model sees it; {@code crash} names the pnic and switches of a purple
   * screen.
   */
  public record HostState(
      String name,
      String connectionState,
      boolean inMaintenanceMode,
      JsonNode crash,
      boolean isolated,
      int vms,
      int alarms) {
    public boolean crashed() {
      return crash != null && !crash.isNull();
    }
  }

  /** The number of the last call served so far: pass it to {@link #callsSince}. */
  public long lastCall() {
    return get("calls?since=" + Long.MAX_VALUE / 2).get("last").asLong();
  }

  public List<Call> callsSince(long seq) {
    List<Call> out = new ArrayList<>();
    for (JsonNode c : get("calls?since=" + seq).get("calls")) {
      out.add(
          new Call(
              c.get("seq").asLong(),
              c.get("method").asText(),
              c.get("this").asText(),
              c.get("write").asBoolean()));
    }
    return out;
  }

  public List<HostState> hosts() {
    List<HostState> out = new ArrayList<>();
    for (JsonNode h : get("hosts").get("hosts")) {
      out.add(
          new HostState(
              h.get("name").asText(),
              h.get("connectionState").asText(),
              h.get("inMaintenanceMode").asBoolean(),
              h.get("crashed"),
              h.get("isolated").asBoolean(),
              h.get("vms").asInt(),
              h.get("alarms").asInt()));
    }
    return out;
  }

  public HostState host(String name) {
    return hosts().stream()
        .filter(h -> h.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("vcsim control: no host " + name));
  }

  /** Brings a crashed, dropped or isolated host back (a reboot from the console). */
  public void resetHost(String host) {
    post(action("reset-host").put("host", host));
  }

  /**
   * The next task touching {@code host} fails with {@code fault} (HostConfigFault, SystemError,
   * Timedout, ...).
   */
  public void failNextTask(String host, String fault) {
    post(action("fail-next-task").put("host", host).put("fault", fault));
  }

  /** {@code state} is notResponding or disconnected; {@code afterSeconds} 0 is now. */
  public void dropHost(String host, String state, double afterSeconds) {
    post(
        action("drop-host")
            .put("host", host)
            .put("state", state)
            .put("afterSeconds", afterSeconds));
  }

  public void raiseAlarm(String host, String alarm) {
    post(action("raise-alarm").put("host", host).put("alarm", alarm).put("status", "red"));
  }

  public void clearAlarms(String host) {
    post(action("clear-alarms").put("host", host));
  }

  public void taskTimes(Duration queued, Duration running) {
    post(
        action("task-times")
            .put("queued", queued.toMillis() + "ms")
            .put("running", running.toMillis() + "ms"));
  }

  public void networkRollback(boolean enabled) {
    post(action("network-rollback").put("enabled", enabled));
  }

  /** Ends every session the harness has seen; returns how many were live. */
  public int expireSessions() {
    return post(action("expire-sessions")).get("expired").asInt();
  }

  /** The raw answer to any control request, for tests of the endpoint itself. */
  public HttpResponse<String> send(String body) {
    try {
      return http.send(
          HttpRequest.newBuilder(base.resolve("control"))
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("vcsim control: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("vcsim control: interrupted", e);
    }
  }

  private static ObjectNode action(String name) {
    return JSON.createObjectNode().put("action", name);
  }

  private JsonNode post(ObjectNode body) {
    HttpResponse<String> r = send(body.toString());
    if (r.statusCode() != 200) {
      throw new AssertionError(
          "vcsim control " + body + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return read(r.body());
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(base.resolve(path))
                  .timeout(Duration.ofSeconds(30))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError(
            "vcsim control GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
      }
      return read(r.body());
    } catch (IOException e) {
      throw new AssertionError("vcsim control: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("vcsim control: interrupted", e);
    }
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("vcsim control: not JSON: " + body, e);
    }
  }
}
