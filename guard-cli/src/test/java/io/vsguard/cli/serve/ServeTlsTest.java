package io.vsguard.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a PKCS12 keystore made by the JDK's keytool for 127.0.0.1. */
class ServeTlsTest {
  @TempDir Path dir;

  @Test
  void aKeystoreServesHttpsOnly() throws Exception {
    Path p12 = dir.resolve("server.p12");
    char[] password = "test-keystore-pw".toCharArray();
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "vsguard",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                p12.toString(),
                "-storepass",
                new String(password))
            .redirectErrorStream(true)
            .start();
    String out =
        new String(
            keytool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as(out).isZero();
    KeyStore ks = io.vsguard.cli.ServeCommand.loadKeyStore(p12, password);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      trust.load(in, password);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);

    TestServer.Builder b = TestServer.builder(dir);
    b.keyStore = ks;
    b.password = password;
    b.sslContext = ssl;
    try (TestServer s = TestServer.start(dir, b)) {
      assertThat(s.server.baseUri().getScheme()).isEqualTo("https");
      HttpResponse<String> health = s.get("/healthz", null);
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.headers().firstValue("Strict-Transport-Security"))
          .as("HSTS under TLS")
          .hasValue("max-age=31536000");
      assertThat(s.get("/v1/decisions", null).headers().firstValue("Strict-Transport-Security"))
          .isPresent();
      HttpResponse<String> r =
          s.check(TestServer.body(TestServer.INCIDENT_PLAN, TestServer.INCIDENT_INVENTORY));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(TestServer.json(r).get("verdict").asText()).isEqualTo("BLOCK");
      assertThat(s.get("/v1/decisions", null).statusCode()).isEqualTo(401);
      // the web view's cookies, login and session, are for HTTPS only
      HttpResponse<String> form = s.get("/ui/login", null);
      String loginCookie = form.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(loginCookie).startsWith("vsguard_login=").endsWith("; Secure");
      java.util.regex.Matcher csrf =
          java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
      assertThat(csrf.find()).isTrue();
      HttpResponse<String> login =
          s.http.send(
              HttpRequest.newBuilder(s.uri("/ui/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Cookie", loginCookie.substring(0, loginCookie.indexOf(';')))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "token=" + TestServer.AUDITOR_TOKEN + "&csrf=" + csrf.group(1)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(303);
      assertThat(login.headers().allValues("Set-Cookie"))
          .hasSize(2)
          .allSatisfy(c -> assertThat(c).endsWith("; Secure"));

      // no plain HTTP beside it: the TLS port does not answer a plain request with a page
      HttpClient plain = HttpClient.newHttpClient();
      int status;
      try {
        status =
            plain
                .send(
                    HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + s.server.port() + "/healthz"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode();
      } catch (java.io.IOException refused) {
        status = -1;
      }
      assertThat(status).isNotEqualTo(200);
    }
  }
}
