package io.vsguard.vsphere.transport;

import io.vsguard.vsphere.VsphereException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The vim25 endpoint over Apache HttpClient 5: a small connection pool whose one connection a
 * capture keeps alive from Login to Logout, connect and read timeouts, the session cookie, TLS per
 * {@link TlsPolicy}, and HTTP compression when vCenter offers it (HttpClient asks for gzip and
 * deflate and undoes them). Responses are streamed to the reader, never held whole. No retries here
 * (see {@link RetryingRoundTrip}); every I/O failure becomes one typed exception.
 */
public final class HttpRoundTrip implements RoundTrip {
  static final String SESSION_COOKIE = "vmware_soap_session";

  /** A paged property page is a few MB; anything near this is not a vim25 answer. */
  static final int MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

  private final URI endpoint;
  private final String authority;
  private final CloseableHttpClient client;
  private final AtomicReference<String> presented = new AtomicReference<>();
  private final AtomicInteger connections = new AtomicInteger();
  // The session is the cookie vCenter sets on Login; it is as secret as the password.
  private volatile String session;

  public HttpRoundTrip(URI endpoint, TlsPolicy tls, Timeouts timeouts) {
    this.endpoint = endpoint;
    int port =
        endpoint.getPort() != -1
            ? endpoint.getPort()
            : "https".equals(endpoint.getScheme()) ? 443 : 80;
    this.authority = endpoint.getHost() + ":" + port;
    PoolingHttpClientConnectionManagerBuilder pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(4)
            .setMaxConnPerRoute(4)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(timeouts.connect()))
                    .setSocketTimeout(Timeout.of(timeouts.read()))
                    .build())
            .setDefaultTlsConfig(
                TlsConfig.custom().setHandshakeTimeout(Timeout.of(timeouts.connect())).build());
    if ("https".equals(endpoint.getScheme())) {
      pool.setTlsSocketStrategy(tlsStrategy(tls));
    }
    // counts the connections opened, so that a test can hold keep-alive to one per capture
    pool.setConnectionFactory(
        new HttpConnectionFactory<>() {
          @Override
          public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
            connections.incrementAndGet();
            return ManagedHttpClientConnectionFactory.INSTANCE.createConnection(socket);
          }

          @Override
          public ManagedHttpClientConnection createConnection(SSLSocket ssl, Socket socket)
              throws IOException {
            connections.incrementAndGet();
            return ManagedHttpClientConnectionFactory.INSTANCE.createConnection(ssl, socket);
          }
        });
    PoolingHttpClientConnectionManager cm = pool.build();
    this.client =
        HttpClients.custom()
            .setConnectionManager(cm)
            .disableCookieManagement()
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableAuthCaching()
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(timeouts.read()))
                    .setConnectionRequestTimeout(Timeout.of(timeouts.connect()))
                    .build())
            .build();
  }

  @Override
  public <T> T send(SoapRequest request, ResponseReader<T> reader) throws VsphereException {
    HttpPost post = new HttpPost(endpoint);
    post.setHeader("SOAPAction", request.soapAction());
    post.setHeader("Accept", "text/xml");
    String s = session;
    if (s != null) {
      post.setHeader("Cookie", SESSION_COOKIE + "=" + s);
    }
    post.setEntity(new ByteArrayEntity(request.body(), ContentType.create("text/xml", "UTF-8")));
    presented.set(null);
    try {
      // The body is decoded while it arrives; the client then reads what is left of it, so the
      // connection goes back to the pool for the next call (keep-alive).
      return client.execute(
          post,
          response -> {
            for (Header h : response.getHeaders("Set-Cookie")) {
              String cookie = sessionCookie(h.getValue());
              if (cookie != null) {
                session = cookie;
              }
            }
            HttpEntity entity = response.getEntity();
            try (InputStream body =
                entity == null ? InputStream.nullInputStream() : new Bounded(entity.getContent())) {
              return reader.read(response.getCode(), body);
            } catch (VsphereException e) {
              throw new VsphereIo(e);
            }
          });
    } catch (VsphereIo e) {
      throw e.typed;
    } catch (IOException e) {
      throw classify(request.operation(), e);
    }
  }

  /** Connections opened so far: 1 for a whole capture when keep-alive works. */
  public int connectionsOpened() {
    return connections.get();
  }

  /**
   * Drops the session cookie, e.g. after Logout, so it is not kept in memory longer than needed.
   */
  public void forgetSession() {
    session = null;
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      // nothing is pending after the last response; a failure to close the pool changes nothing
    }
  }

  static String sessionCookie(String setCookie) {
    int semi = setCookie.indexOf(';');
    String pair = (semi < 0 ? setCookie : setCookie.substring(0, semi)).strip();
    int eq = pair.indexOf('=');
    if (eq < 0 || !pair.substring(0, eq).strip().equals(SESSION_COOKIE)) {
      return null;
    }
    String value = pair.substring(eq + 1).strip();
    return value.isEmpty() ? null : value;
  }

  /**
   * The body, refused past {@link #MAX_RESPONSE_BYTES} (decompressed bytes, so a gzip bomb stops
   * there too).
   */
  private static final class Bounded extends FilterInputStream {
    private long read;

    Bounded(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws VsphereIo {
      read += n;
      if (read > MAX_RESPONSE_BYTES) {
        throw new VsphereIo(
            new ConnectionLostException(
                "the response is larger than "
                    + (MAX_RESPONSE_BYTES >> 20)
                    + " MiB; lower the page size",
                null));
      }
    }
  }

  private TransportException classify(String operation, IOException e) {
    String at = " (" + authority + ", " + operation + ")";
    if (e instanceof UnknownHostException) {
      return new UnreachableException(
          "cannot resolve the vCenter host name " + endpoint.getHost(), e);
    }
    if (e instanceof ConnectTimeoutException) {
      return new TransportTimeoutException("timed out connecting to vCenter" + at, e);
    }
    if (e instanceof HttpHostConnectException
        || e instanceof ConnectException
        || e instanceof NoRouteToHostException) {
      if (e.getCause() instanceof UnknownHostException) {
        return new UnreachableException(
            "cannot resolve the vCenter host name " + endpoint.getHost(), e);
      }
      return new UnreachableException("vCenter unreachable: connection refused" + at, e);
    }
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return new TransportTimeoutException("timed out waiting for vCenter's answer" + at, e);
    }
    if (e instanceof SSLException) {
      String thumb = presented.get();
      String why =
          e instanceof javax.net.ssl.SSLPeerUnverifiedException
              ? "the vCenter certificate does not match the host name " + endpoint.getHost()
              : "the vCenter certificate is not trusted";
      if (thumb == null) {
        return new TlsException("TLS handshake with vCenter failed" + at, null, e);
      }
      return new TlsException(
          why
              + at
              + "; it presented SHA-256 "
              + thumb
              + " — if that is your vCenter, pass --thumbprint "
              + thumb
              + " or add its CA with --trust-store",
          thumb,
          e);
    }
    return new ConnectionLostException("connection to vCenter lost" + at + ": " + describe(e), e);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank()
        ? e.getClass().getSimpleName()
        : m.lines().findFirst().orElse(m);
  }

  private DefaultClientTlsStrategy tlsStrategy(TlsPolicy tls) {
    X509TrustManager trust;
    HostnameVerifier hostnames;
    try {
      if (tls instanceof TlsPolicy.Pinned p) {
        trust = new PinnedTrust(p.sha256());
        hostnames = NoopHostnameVerifier.INSTANCE;
      } else if (tls instanceof TlsPolicy.Insecure) {
        trust = new AnyTrust();
        hostnames = NoopHostnameVerifier.INSTANCE;
      } else {
        trust = defaultTrust(((TlsPolicy.Verified) tls).trustStore());
        hostnames = new DefaultHostnameVerifier();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new Recording(trust, presented)}, null);
      return new DefaultClientTlsStrategy(ctx, HostnameVerificationPolicy.CLIENT, hostnames);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static X509TrustManager defaultTrust(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("no X509 trust manager available");
  }

  /** Notes the thumbprint of the certificate the server presented, so a refusal can show it. */
  private record Recording(X509TrustManager inner, AtomicReference<String> presented)
      implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      inner.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (chain != null && chain.length > 0) {
        presented.set(Thumbprints.format(Thumbprints.sha256(chain[0])));
      }
      inner.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return inner.getAcceptedIssuers();
    }
  }

  private record PinnedTrust(byte[] pin) implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("client certificates are not used");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (chain == null
          || chain.length == 0
          || !MessageDigest.isEqual(pin, Thumbprints.sha256(chain[0]))) {
        throw new CertificateException("the certificate does not match the pinned thumbprint");
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  private static final class AnyTrust implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** Carries a typed failure out of the response handler, which may only throw IOException. */
  private static final class VsphereIo extends IOException {
    final VsphereException typed;

    VsphereIo(VsphereException typed) {
      super(typed.getMessage());
      this.typed = typed;
    }
  }

  @Override
  public String toString() {
    return "HttpRoundTrip[" + endpoint + "]";
  }
}
