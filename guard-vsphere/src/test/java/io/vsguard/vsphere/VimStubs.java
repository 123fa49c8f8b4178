package io.vsguard.vsphere;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** A WireMock vCenter answering the recorded fixtures, one stub per SOAP operation. */
public final class VimStubs {
  public static final String COOKIE = "vmware_soap_session=\"52a0c4f6-test\"";

  private VimStubs() {}

  public static void happyPath(WireMockServer vc) {
    answer(vc, "RetrieveServiceContent", ok("retrieve-service-content.xml"));
    answer(vc, "Login", ok("login.xml").withHeader("Set-Cookie", COOKIE + "; Path=/; HttpOnly"));
    answer(vc, "CreateContainerView", ok("create-container-view.xml"));
    answer(vc, "RetrievePropertiesEx", ok("retrieve-page1.xml"));
    answer(vc, "ContinueRetrievePropertiesEx", ok("continue-page2.xml"));
    answer(vc, "DestroyView", ok("destroy-view.xml"));
    answer(vc, "Logout", ok("logout.xml"));
  }

  /** Replaces the answer to one operation (the newest stub wins in WireMock). */
  public static void answer(
      WireMockServer vc, String operation, ResponseDefinitionBuilder response) {
    vc.stubFor(
        post(urlEqualTo("/sdk"))
            .withRequestBody(containing("<" + operation + " "))
            .willReturn(response));
  }

  public static ResponseDefinitionBuilder ok(String fixture) {
    return status(200, fixture);
  }

  public static ResponseDefinitionBuilder status(int status, String fixture) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml; charset=utf-8")
        .withBody(Fixtures.bytes(fixture));
  }
}
