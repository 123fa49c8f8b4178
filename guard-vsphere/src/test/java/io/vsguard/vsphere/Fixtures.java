package io.vsguard.vsphere;

import io.vsguard.vsphere.transport.ResponseReader;
import io.vsguard.vsphere.transport.RoundTrip;
import io.vsguard.vsphere.transport.SoapRequest;
import io.vsguard.vsphere.transport.SoapResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Recorded vim25 responses under src/test/resources/vim25, and a transport that replays them. */
public final class Fixtures {
  private Fixtures() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/vim25/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers each operation with its queued responses, in order; records what was sent. */
  public static final class Replay implements RoundTrip {
    private final Map<String, Deque<SoapResponse>> answers = new HashMap<>();
    public final List<SoapRequest> sent = new ArrayList<>();

    public Replay on(String operation, int status, String fixture) {
      answers
          .computeIfAbsent(operation, k -> new ArrayDeque<>())
          .add(new SoapResponse(status, bytes(fixture)));
      return this;
    }

    /** The whole happy path: two property pages. */
    public static Replay capture() {
      return new Replay()
          .on("RetrieveServiceContent", 200, "retrieve-service-content.xml")
          .on("Login", 200, "login.xml")
          .on("CreateContainerView", 200, "create-container-view.xml")
          .on("RetrievePropertiesEx", 200, "retrieve-page1.xml")
          .on("ContinueRetrievePropertiesEx", 200, "continue-page2.xml")
          .on("DestroyView", 200, "destroy-view.xml")
          .on("Logout", 200, "logout.xml");
    }

    public Replay replace(String operation, int status, String fixture) {
      answers.remove(operation);
      return on(operation, status, fixture);
    }

    /**
     * Answers {@code operation} with a recorded fixture after a text edit: one change to a recorded
     * answer.
     */
    public Replay replaceEdited(String operation, String fixture, UnaryOperator<String> edit) {
      String text = new String(bytes(fixture), StandardCharsets.UTF_8);
      String edited = edit.apply(text);
      if (edited.equals(text)) {
        throw new IllegalArgumentException("the edit changed nothing in " + fixture);
      }
      answers.remove(operation);
      answers
          .computeIfAbsent(operation, k -> new ArrayDeque<>())
          .add(new SoapResponse(200, edited.getBytes(StandardCharsets.UTF_8)));
      return this;
    }

    @Override
    public <T> T send(SoapRequest request, ResponseReader<T> reader) throws VsphereException {
      sent.add(request);
      Deque<SoapResponse> q = answers.get(request.operation());
      if (q == null || q.isEmpty()) {
        throw new AssertionError("unexpected " + request.operation());
      }
      return (q.size() == 1 ? q.peek() : q.poll()).readWith(reader);
    }

    public List<String> operations() {
      return sent.stream().map(SoapRequest::operation).toList();
    }
  }
}
