package io.vsguard.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vsguard.core.text.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Just enough of the W3C WebDriver protocol, spoken to Debian's chromedriver with java.net.http, to
 * drive headless Chromium through the web view: no Selenium, no browser download. Chromium runs as
 * root on a machine without network, hence no sandbox and nothing that phones home.
 */
final class WebDriverClient implements AutoCloseable {
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final List<String> CHROMIUM =
      List.of("/usr/lib/chromium/chromium", "/usr/bin/chromium");
  private static final List<String> DRIVER =
      List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

  private final Process driver;
  private final URI base;
  private final String session;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private WebDriverClient(Process driver, URI base, String session) {
    this.driver = driver;
    this.base = base;
    this.session = session;
  }

  /**
   * Starts chromedriver and a headless Chromium session; fails with how to install them when
   * absent.
   */
  static WebDriverClient start(Path profileDir, Path driverLog) throws Exception {
    String chromium =
        CHROMIUM.stream()
            .filter(p -> Files.isExecutable(Path.of(p)))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "Chromium is not installed (looked for "
                            + CHROMIUM
                            + "); run .ci/chromium-setup.sh (Debian packages chromium and chromium-driver)"));
    String chromedriver =
        DRIVER.stream()
            .filter(p -> Files.isExecutable(Path.of(p)))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "chromedriver is not installed (looked for "
                            + DRIVER
                            + "); run .ci/chromium-setup.sh (Debian package chromium-driver)"));
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Process p =
        new ProcessBuilder(chromedriver, "--port=" + port, "--allowed-ips=127.0.0.1")
            .redirectErrorStream(true)
            .redirectOutput(driverLog.toFile())
            .start();
    URI base = URI.create("http://127.0.0.1:" + port + "/");
    HttpClient probe = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        HttpResponse<String> r =
            probe.send(
                HttpRequest.newBuilder(base.resolve("status")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200
            && Json.json().readTree(r.body()).at("/value/ready").asBoolean()) {
          break;
        }
      } catch (IOException notYet) {
        // chromedriver is still starting
      }
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new AssertionError("chromedriver did not start; see " + driverLog);
      }
      Thread.sleep(100);
    }
    ObjectNode caps = Json.json().createObjectNode();
    ObjectNode always = caps.putObject("capabilities").putObject("alwaysMatch");
    always.put("browserName", "chrome");
    ObjectNode opts = always.putObject("goog:chromeOptions");
    opts.put("binary", chromium);
    var args = opts.putArray("args");
    for (String a :
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,2000",
            "--user-data-dir=" + profileDir.toAbsolutePath())) {
      args.add(a);
    }
    WebDriverClient c = new WebDriverClient(p, base, null);
    JsonNode created;
    try {
      created = c.call("POST", "session", caps);
    } catch (RuntimeException | AssertionError e) {
      p.destroyForcibly();
      throw e;
    }
    return new WebDriverClient(p, base, created.at("/value/sessionId").asText());
  }

  void open(URI url) {
    ObjectNode b = Json.json().createObjectNode().put("url", url.toString());
    call("POST", "session/" + session + "/url", b);
  }

  String currentUrl() {
    return call("GET", "session/" + session + "/url", null).get("value").asText();
  }

  String source() {
    return call("GET", "session/" + session + "/source", null).get("value").asText();
  }

  String title() {
    return call("GET", "session/" + session + "/title", null).get("value").asText();
  }

  /** The element for a CSS selector; fails the test when there is none. */
  String find(String css) {
    ObjectNode b = Json.json().createObjectNode().put("using", "css selector").put("value", css);
    return call("POST", "session/" + session + "/element", b).at("/value/" + ELEMENT).asText();
  }

  /** True when the page has an element for the CSS selector. */
  boolean exists(String css) {
    ObjectNode b = Json.json().createObjectNode().put("using", "css selector").put("value", css);
    return call("POST", "session/" + session + "/elements", b).get("value").size() > 0;
  }

  /**
   * Waits up to ten seconds for a condition on the page: a click that submits a form returns before
   * the next page has necessarily loaded.
   */
  void waitUntil(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + " at " + currentUrl());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  void type(String css, String text) {
    ObjectNode b = Json.json().createObjectNode().put("text", text);
    call("POST", "session/" + session + "/element/" + find(css) + "/value", b);
  }

  void click(String css) {
    call(
        "POST",
        "session/" + session + "/element/" + find(css) + "/click",
        Json.json().createObjectNode());
  }

  String text(String css) {
    return call("GET", "session/" + session + "/element/" + find(css) + "/text", null)
        .get("value")
        .asText();
  }

  /**
   * The computed value of a CSS property of the element, as the browser resolved it (colours as
   * rgb(…)).
   */
  String css(String selector, String property) {
    return call(
            "GET", "session/" + session + "/element/" + find(selector) + "/css/" + property, null)
        .get("value")
        .asText();
  }

  byte[] screenshot() {
    return Base64.getDecoder()
        .decode(call("GET", "session/" + session + "/screenshot", null).get("value").asText());
  }

  private JsonNode call(String method, String path, JsonNode body) {
    try {
      HttpRequest.Builder r =
          HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
      if (body != null) {
        r.header("Content-Type", "application/json; charset=utf-8")
            .method(
                method, HttpRequest.BodyPublishers.ofString(Json.json().writeValueAsString(body)));
      } else {
        r.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> resp = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = Json.json().readTree(resp.body());
      if (resp.statusCode() != 200) {
        throw new AssertionError(
            "WebDriver "
                + method
                + " /"
                + path
                + " answered "
                + resp.statusCode()
                + ": "
                + json.at("/value/error").asText()
                + ": "
                + json.at("/value/message").asText());
      }
      return json;
    } catch (IOException e) {
      throw new AssertionError("WebDriver " + method + " /" + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    try {
      if (session != null) {
        call("DELETE", "session/" + session, null);
      }
    } catch (AssertionError ignored) {
      // the browser is going away with the driver anyway
    } finally {
      driver.destroy();
      try {
        if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          driver.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        driver.destroyForcibly();
      }
    }
  }
}
