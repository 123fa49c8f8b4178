package io.vsguard.vsphere;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.vsguard.core.model.Inventory;
import io.vsguard.vsphere.soap.MalformedResponseException;
import io.vsguard.vsphere.soap.NoPermissionException;
import io.vsguard.vsphere.soap.NotAuthenticatedException;
import io.vsguard.vsphere.transport.ConnectionLostException;
import io.vsguard.vsphere.transport.HttpRoundTrip;
import io.vsguard.vsphere.transport.HttpStatusException;
import io.vsguard.vsphere.transport.Timeouts;
import io.vsguard.vsphere.transport.TlsPolicy;
import io.vsguard.vsphere.transport.TransportTimeoutException;
import io.vsguard.vsphere.transport.UnreachableException;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real HTTP stack against a scripted vCenter: every failure ends in its typed exception. */
class WireMockFaultMatrixTest {
  WireMockServer vc;

  @BeforeEach
  void start() {
    vc = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    vc.start();
    VimStubs.happyPath(vc);
  }

  @AfterEach
  void stop() {
    vc.stop();
  }

  Inventory capture() throws VsphereException {
    VcenterTarget t =
        new VcenterTarget(
            URI.create("http://127.0.0.1:" + vc.port() + "/sdk"),
            TlsPolicy.system(),
            new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(800)));
    try (VsphereCapture c = VsphereCapture.open(t)) {
      return c.capture(VsphereCaptureTest.CREDS, VsphereCaptureTest.OPTS, n -> {});
    }
  }

  @Test
  void theHappyPathCarriesTheSessionCookie() throws Exception {
    Inventory inv = capture();
    assertThat(inv.hosts()).hasSize(2);
    assertThat(inv.source().tls()).isEqualTo("plaintext");
    vc.verify(
        postRequestedFor(urlEqualTo("/sdk"))
            .withRequestBody(containing("<ContinueRetrievePropertiesEx"))
            .withHeader("Cookie", containing(VimStubs.COOKIE))
            .withHeader("SOAPAction", containing("urn:vim25/6.0")));
  }

  @Test
  void aWholeCaptureKeepsOneConnectionAlive() throws Exception {
    VcenterTarget t =
        new VcenterTarget(
            URI.create("http://127.0.0.1:" + vc.port() + "/sdk"),
            TlsPolicy.system(),
            Timeouts.DEFAULTS);
    try (VsphereCapture c = VsphereCapture.open(t)) {
      c.capture(VsphereCaptureTest.CREDS, VsphereCaptureTest.OPTS, n -> {});
      assertThat(c.counter().roundTrips()).isEqualTo(7);
      assertThat(((HttpRoundTrip) c.counter().inner()).connectionsOpened()).isEqualTo(1);
    }
  }

  @Test
  void aGzippedAnswerIsAskedForAndUnpacked() throws Exception {
    byte[] page = Fixtures.bytes("retrieve-page1.xml");
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
      gz.write(page);
    }
    VimStubs.answer(
        vc,
        "RetrievePropertiesEx",
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "text/xml; charset=utf-8")
            .withHeader("Content-Encoding", "gzip")
            .withBody(packed.toByteArray()));
    assertThat(capture().hosts()).hasSize(2);
    vc.verify(
        postRequestedFor(urlEqualTo("/sdk"))
            .withRequestBody(containing("<RetrievePropertiesEx"))
            .withHeader("Accept-Encoding", containing("gzip")));
  }

  @Test
  void connectionResetOnAReadIsRetriedThenTyped() {
    VimStubs.answer(
        vc, "RetrievePropertiesEx", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    assertThatThrownBy(this::capture).isInstanceOf(ConnectionLostException.class);
    // an idempotent read: three attempts
    vc.verify(
        3,
        postRequestedFor(urlEqualTo("/sdk")).withRequestBody(containing("<RetrievePropertiesEx")));
  }

  @Test
  void aResetLoginIsNotRetried() {
    VimStubs.answer(vc, "Login", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    assertThatThrownBy(this::capture).isInstanceOf(ConnectionLostException.class);
    vc.verify(1, postRequestedFor(urlEqualTo("/sdk")).withRequestBody(containing("<Login")));
  }

  @Test
  void aSlowAnswerTimesOut() {
    VimStubs.answer(
        vc, "RetrievePropertiesEx", VimStubs.ok("retrieve-page1.xml").withFixedDelay(3000));
    assertThatThrownBy(this::capture)
        .isInstanceOf(TransportTimeoutException.class)
        .hasMessageContaining("timed out");
  }

  @Test
  void http500WithASoapFaultIsTheFault() {
    VimStubs.answer(vc, "RetrievePropertiesEx", VimStubs.status(500, "fault-no-permission.xml"));
    assertThatThrownBy(this::capture)
        .isInstanceOf(NoPermissionException.class)
        .hasMessageContaining("System.View")
        .hasMessageContaining("Folder group-d1");
  }

  @Test
  void http503IsRetriedThenTyped() {
    VimStubs.answer(
        vc,
        "RetrieveServiceContent",
        aResponse().withStatus(503).withBody("<html>Service Unavailable</html>"));
    assertThatThrownBy(this::capture)
        .isInstanceOf(HttpStatusException.class)
        .hasMessageContaining("503");
  }

  @Test
  void malformedXmlIsTyped() {
    VimStubs.answer(
        vc,
        "RetrievePropertiesEx",
        aResponse().withStatus(200).withBody("<soapenv:Envelope><oops"));
    assertThatThrownBy(this::capture).isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void aTruncatedBodyIsTyped() {
    byte[] full = Fixtures.bytes("retrieve-page1.xml");
    VimStubs.answer(
        vc,
        "RetrievePropertiesEx",
        aResponse().withStatus(200).withBody(Arrays.copyOf(full, full.length / 2)));
    assertThatThrownBy(this::capture)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("ends before it is complete");
  }

  @Test
  void aBodyCutAfterThePayloadIsStillTruncated() {
    String full =
        new String(Fixtures.bytes("retrieve-page1.xml"), java.nio.charset.StandardCharsets.UTF_8);
    String end = "</RetrievePropertiesExResponse>";
    String cut = full.substring(0, full.indexOf(end) + end.length());
    VimStubs.answer(vc, "RetrievePropertiesEx", aResponse().withStatus(200).withBody(cut));
    assertThatThrownBy(this::capture)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("ends before it is complete");
  }

  @Test
  void aBodyThatStallsHalfwayTimesOut() {
    // the headers come at once, the body in two halves 1.5 s apart: the 800 ms read timeout
    // applies while the body is being decoded, not only while waiting for the answer
    VimStubs.answer(
        vc,
        "RetrievePropertiesEx",
        VimStubs.ok("retrieve-page1.xml").withChunkedDribbleDelay(2, 3000));
    assertThatThrownBy(this::capture)
        .isInstanceOf(TransportTimeoutException.class)
        .hasMessageContaining("timed out");
  }

  @Test
  void aBrokenChunkedBodyIsTyped() {
    VimStubs.answer(
        vc, "RetrievePropertiesEx", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
    assertThatThrownBy(this::capture).isInstanceOf(ConnectionLostException.class);
  }

  @Test
  void sessionExpiryMidPagingIsNotAuthenticated() {
    VimStubs.answer(
        vc, "ContinueRetrievePropertiesEx", VimStubs.status(500, "fault-not-authenticated.xml"));
    assertThatThrownBy(this::capture).isInstanceOf(NotAuthenticatedException.class);
    vc.verify(1, postRequestedFor(urlEqualTo("/sdk")).withRequestBody(containing("<Logout")));
  }

  @Test
  void nothingListeningIsUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    VcenterTarget t =
        new VcenterTarget(
            URI.create("http://127.0.0.1:" + port + "/sdk"), TlsPolicy.system(), Timeouts.DEFAULTS);
    try (VsphereCapture c = VsphereCapture.open(t)) {
      assertThatThrownBy(
              () -> c.capture(VsphereCaptureTest.CREDS, VsphereCaptureTest.OPTS, n -> {}))
          .isInstanceOf(UnreachableException.class)
          .hasMessageContaining("connection refused");
    }
  }
}
