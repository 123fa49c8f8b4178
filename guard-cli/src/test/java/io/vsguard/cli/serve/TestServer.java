package io.vsguard.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vsguard.cli.input.InventorySource;
import io.vsguard.core.audit.JsonlAuditStore;
import io.vsguard.core.load.InputException;
import io.vsguard.core.policy.PolicyLoader;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.text.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real server on a free loopback port, with its own tokens and audit log in a temporary
 * directory; requests go over HTTP with java.net.http.
 */
final class TestServer implements AutoCloseable {
  static final String CI_TOKEN = "ci-0123456789abcdef0123456789abcdef";
  static final String AUDITOR_TOKEN = "auditor-fedcba9876543210fedcba98";
  static final String TOKENS =
      "# test tokens\nci-pipeline:" + CI_TOKEN + "\nauditor:" + AUDITOR_TOKEN + "\n";
  static final Path INCIDENT_PLAN = Path.of("../examples/incident/plan.yaml");
  static final Path SAFE_PLAN = Path.of("../examples/safe/plan.yaml");
  static final Path INCIDENT_INVENTORY = Path.of("../examples/incident/inventory.json");

  final ApiServer server;
  final JsonlAuditStore store;
  final HttpClient http;

  private TestServer(ApiServer server, JsonlAuditStore store, HttpClient http) {
    this.server = server;
    this.store = store;
    this.http = http;
  }

  static TestServer start(Path dir) throws Exception {
    return start(dir, builder(dir));
  }

  static Builder builder(Path dir) {
    return new Builder(dir);
  }

  static TestServer start(Path dir, Builder b) throws Exception {
    ApiTokens tokens = ApiTokens.parse("tokens", TOKENS);
    JsonlAuditStore store = new JsonlAuditStore(b.auditLog, Clock.systemUTC(), b.signer);
    if (b.reserveBytes >= 0) {
      store = store.withReserve(b.reserveBytes);
    }
    Preflight preflight =
        new Preflight(b.pack, "test pack", store, b.clock, Optional.ofNullable(b.live), b.deadline);
    ApiServer server =
        ApiServer.start(
            new ApiServer.Options("127.0.0.1", 0, b.maxBody, b.keyStore, b.password),
            tokens,
            preflight,
            Clock.systemUTC());
    HttpClient.Builder hb = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
    if (b.sslContext != null) {
      hb.sslContext(b.sslContext);
    }
    return new TestServer(server, store, hb.build());
  }

  static final class Builder {
    Path auditLog;
    PolicyPack pack = defaultPack();
    Clock clock = Clock.systemUTC();
    long maxBody = 10L * 1024 * 1024;
    KeyStore keyStore;
    char[] password;
    javax.net.ssl.SSLContext sslContext;
    InventorySource live;
    Duration deadline = Duration.ofSeconds(60);
    io.vsguard.core.audit.AuditSigner signer;
    long reserveBytes = -1;

    Builder(Path dir) {
      auditLog = dir.resolve("audit.jsonl");
    }
  }

  static PolicyPack defaultPack() {
    try {
      return PolicyLoader.load(Path.of("../policies/default"));
    } catch (InputException e) {
      throw new IllegalStateException(e);
    }
  }

  URI uri(String path) {
    return server.baseUri().resolve(path);
  }

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).GET();
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String token, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      r.header("Content-Type", contentType);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> check(String body) throws IOException, InterruptedException {
    return post("/v1/checks", CI_TOKEN, "application/json", body);
  }

  /** The body of a check: the plan (YAML file read into its JSON form) and the inventory. */
  static String body(Path plan, Path inventory) throws IOException {
    return Json.json().writeValueAsString(bodyTree(plan, inventory));
  }

  static ObjectNode bodyTree(Path plan, Path inventory) throws IOException {
    ObjectNode b = Json.json().createObjectNode();
    b.set("plan", Json.yaml().readTree(Files.readString(plan)));
    b.set("inventory", Json.json().readTree(Files.readString(inventory)));
    return b;
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return Json.json().readTree(r.body());
  }

  /** The audit log's lines as JSON trees, access records included. */
  List<JsonNode> auditLines() throws IOException {
    if (!Files.exists(store.file())) {
      return List.of();
    }
    List<JsonNode> out = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(store.file())) {
      out.add(Json.json().readTree(line));
    }
    return out;
  }

  @Override
  public void close() {
    server.close();
  }
}
