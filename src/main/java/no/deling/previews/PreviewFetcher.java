package no.deling.previews;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import no.deling.core.http.HostPatterns;

/**
 * Fetches the start of a linked page for its preview, as carefully as a server inside an
 * organisation's network must: http and https only, to ports 80 and 443, at addresses on the public
 * internet ({@link PublicAddresses}) unless the host is one the operator lists as internal. The
 * name is resolved once and the connection made to the address that was checked, so a name that
 * answers differently the second time (DNS rebinding) reaches nothing else. Redirects are followed
 * by hand, three at most, each checked the same way. At most 512 KiB of HTML is read, within 5 s.
 */
public final class PreviewFetcher {
  static final int MAX_BYTES = 512 * 1024;
  static final int MAX_REDIRECTS = 3;
  static final long TIMEOUT_MS = 5_000;
  /** Threads of its own for looking names up and reading pages: a name server that takes its time holds up previews, nothing else. */
  static final int THREADS = 4;
  private final io.vertx.core.WorkerExecutor workers;
  private final HttpClientAgent client;
  private final List<String> internalHosts;
  private final String userAgent;

  private final PreviewTraffic traffic;

  /** @param internalHosts hosts (or {@code *.domain}) that may be at private addresses, on any port */
  public PreviewFetcher(Vertx vertx, List<String> internalHosts, String userAgent, PreviewTraffic traffic) {
    this.traffic = traffic;
    this.workers = vertx.createSharedWorkerExecutor("deling-link-previews", THREADS);
    this.internalHosts = List.copyOf(internalHosts);
    this.userAgent = userAgent;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setConnectTimeout(3_000).setIdleTimeout(5)
        .setVerifyHost(true).setDecompressionSupported(true));
  }

  /** The page's preview; null when it has none, may not be fetched, or did not answer in time. Never fails. */
  public Future<LinkPreview> fetch(String url) {
    URI u = parse(url);
    if (u == null) {
      traffic.none();
      return Future.succeededFuture();
    }
    boolean[] refused = new boolean[1];
    return fetch(url, u, 0, refused).timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).otherwise((LinkPreview) null).andThen(done -> {
      if (done.result() != null) traffic.shown();
      else if (refused[0]) traffic.refused();
      else traffic.none();
    });
  }

  private static final java.util.regex.Pattern ABSOLUTE = java.util.regex.Pattern.compile("(?i)(https?://)([^/?#@]*@)?([^/?#:]*)(.*)");
  private static final java.util.regex.Pattern CHARSET = java.util.regex.Pattern.compile(";\\s*charset=\"?([a-z0-9._:-]+)\"?");

  /**
   * A link as a request needs it, or null if it is none: a host in letters beyond ASCII
   * ({@code blåbær.no}) as its punycode, and any other such letters in the path or query
   * percent-encoded as UTF-8 ({@code /wiki/Blåbær}), as browsers send them.
   */
  static URI parse(String url) {
    java.util.regex.Matcher m = ABSOLUTE.matcher(url);
    String ascii = url;
    if (m.matches()) {
      try {
        ascii = m.group(1) + (m.group(2) == null ? "" : m.group(2)) + java.net.IDN.toASCII(m.group(3), java.net.IDN.ALLOW_UNASSIGNED) + m.group(4);
      } catch (IllegalArgumentException notAHostName) {
        return null;
      }
    }
    try {
      return new URI(new URI(ascii).toASCIIString()).normalize();
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /** Why {@code u} is not fetched (null: it may be, if its address is right): a pure check of the address's parts. */
  static String refusal(URI u, List<String> internalHosts) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) return "not http or https";
    if (u.getHost() == null || u.getRawUserInfo() != null) return "no host, or a user name in the address";
    if (internal(u.getHost(), internalHosts)) return null;
    int port = u.getPort();
    if (port != -1 && port != 80 && port != 443) return "port " + port + " (only 80 and 443 outside the hosts listed as internal)";
    return null;
  }

  private static boolean internal(String host, List<String> internalHosts) {
    for (String pattern : internalHosts) if (HostPatterns.matches(pattern, bare(host))) return true;
    return false;
  }

  /** A URI's host without the brackets an IPv6 literal has there ({@code [::1]}). */
  private static String bare(String host) {
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /** @param refused set when an address on the way may not be fetched */
  private Future<LinkPreview> fetch(String original, URI u, int redirects, boolean[] refused) {
    if (refusal(u, internalHosts) != null) {
      refused[0] = true;
      return Future.succeededFuture();
    }
    boolean internal = internal(u.getHost(), internalHosts);
    return workers.executeBlocking(() -> address(u.getHost(), internal), false).compose(resolved -> {
      if (resolved.refused()) refused[0] = true;
      InetAddress address = resolved.address();
      if (address == null) return Future.succeededFuture();
      return page(u, address).compose(page -> {
        if (page.location() != null) {
          if (redirects >= MAX_REDIRECTS) return Future.succeededFuture();
          URI location = parse(page.location().trim()); // a Location in letters beyond ASCII too, as a link
          if (location == null) return Future.succeededFuture();
          return fetch(original, u.resolve(location).normalize(), redirects + 1, refused);
        }
        if (page.html() == null) return Future.succeededFuture();
        return workers.executeBlocking(() -> PreviewPage.of(original, u, page.html(), page.charset()), false);
      });
    });
  }

  /** Where a name leads: the address to connect to, or none (no such name, or {@code refused}: inside the network). */
  private record Resolved(InetAddress address, boolean refused) {}

  /** The address to connect to: one of a name whose every address is public, or any for an internal host. */
  private static Resolved address(String host, boolean internal) {
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(bare(host));
    } catch (java.net.UnknownHostException e) {
      return new Resolved(null, false);
    }
    if (all.length == 0) return new Resolved(null, false);
    if (!internal) {
      // one private address among public ones is enough to refuse: which one a connection takes is the name's owner's choice
      for (InetAddress a : all) if (!PublicAddresses.isPublic(a)) return new Resolved(null, true);
    }
    return new Resolved(all[0], false);
  }

  /** A page's HTML (and its charset, if the server named one), or where it redirects to; both null: nothing to preview. */
  private record Page(byte[] html, String charset, String location) {}

  private Future<Page> page(URI u, InetAddress address) {
    boolean https = u.getScheme().equalsIgnoreCase("https");
    int port = u.getPort() != -1 ? u.getPort() : https ? 443 : 80;
    String path = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(bare(u.getHost())).setPort(port).setSsl(https).setURI(path)
        .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress())).setFollowRedirects(false)
        .setConnectTimeout(3_000).setIdleTimeout(TIMEOUT_MS)
        .putHeader("User-Agent", userAgent).putHeader("Accept", "text/html,application/xhtml+xml;q=0.9");
    return client.request(options).compose(request -> request.send()).compose(this::read);
  }

  private Future<Page> read(HttpClientResponse response) {
    int status = response.statusCode();
    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
      response.request().reset();
      return Future.succeededFuture(new Page(null, null, response.getHeader("Location")));
    }
    String type = response.getHeader("Content-Type") == null ? "" : response.getHeader("Content-Type").toLowerCase(Locale.ROOT);
    if (status != 200 || !(type.startsWith("text/html") || type.startsWith("application/xhtml+xml"))) {
      response.request().reset();
      return Future.succeededFuture(new Page(null, null, null));
    }
    java.util.regex.Matcher named = CHARSET.matcher(type);
    String charset = named.find() ? named.group(1) : null;
    Promise<Page> done = Promise.promise();
    Buffer body = Buffer.buffer();
    response.handler(chunk -> {
      int room = MAX_BYTES - body.length();
      if (room <= 0) return;
      body.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
      // the head, where a page describes itself, is long read by now: the rest is not fetched
      if (body.length() >= MAX_BYTES && done.tryComplete(new Page(body.getBytes(), charset, null))) response.request().reset();
    });
    response.endHandler(v -> done.tryComplete(new Page(body.getBytes(), charset, null)));
    response.exceptionHandler(done::tryFail);
    return done.future();
  }

  public void close() {
    client.close();
    workers.close();
  }
}
