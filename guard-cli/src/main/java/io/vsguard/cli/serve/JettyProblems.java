package io.vsguard.cli.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vsguard.core.text.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers by itself, before a request reaches a route (headers too large, a request line
 * too long, a request it cannot parse): a problem document with the same headers as every other
 * answer, never Jetty's own HTML page.
 */
final class JettyProblems extends ErrorHandler {
  private final boolean tls;

  JettyProblems(boolean tls) {
    this.tls = tls;
  }

  static Problem problemFor(int status, String message) {
    Problem.Kind kind =
        switch (status) {
          case 431 -> Problem.Kind.HEADERS_TOO_LARGE;
          case 414 -> Problem.Kind.URI_TOO_LONG;
          case 413 -> Problem.Kind.PAYLOAD_TOO_LARGE;
          case 400 -> Problem.Kind.INVALID_INPUT;
          default -> null;
        };
    if (kind == null) {
      return new Problem(
          "urn:vsguard:problem:http-" + status,
          "HTTP " + status,
          status,
          "the server refused the request"
              + " before reading it"
              + (message == null ? "" : ": " + message),
          null,
          null,
          null,
          null);
    }
    String detail =
        switch (status) {
          case 431 -> "the request's headers are larger than the server accepts (8 KiB in all)";
          case 414 -> "the request line is longer than the server accepts (8 KiB)";
          default -> "the request could not be read" + (message == null ? "" : ": " + message);
        };
    return Problem.of(kind, detail);
  }

  static byte[] body(Problem p) {
    try {
      return (Json.json().writerWithDefaultPrettyPrinter().writeValueAsString(p) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      return ("{\"status\":" + p.status() + "}\n").getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The headers every answer of the server carries ({@link ApiServer}). */
  static void securityHeaders(HttpFields.Mutable h, boolean tls) {
    h.put("X-Content-Type-Options", "nosniff");
    h.put(HttpHeader.CACHE_CONTROL, "no-store");
    if (tls) {
      h.put("Strict-Transport-Security", ApiServer.HSTS);
    }
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    Problem p = problemFor(code, message);
    HttpFields.Mutable h = response.getHeaders();
    h.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    securityHeaders(h, tls);
    response.write(true, ByteBuffer.wrap(body(p)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    securityHeaders(fields, tls);
    return ByteBuffer.wrap(body(problemFor(status, reason)));
  }
}
