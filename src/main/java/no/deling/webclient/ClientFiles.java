package no.deling.webclient;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The web client's files, read from the classpath once, their whole-line comments blanked, and
 * gzipped once at the strongest level.
 * Compressing per request, the server sent them at its level for API answers (level 1, chosen for
 * throughput), 58 KB for the whole client where level 9 makes 50 KB; a phone on a poor connection
 * pays for every one. Each file has an ETag from its bytes, so a revisit costs a 304.
 */
final class ClientFiles {
  /** A file in {@code webroot/} or {@code webroot/app/}: a name and an extension, nothing that climbs out. */
  private static final Pattern NAME = Pattern.compile("(app/)?[A-Za-z0-9_-]{1,100}(\\.[A-Za-z0-9_-]{1,20}){1,3}");
  private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
      "html", "text/html; charset=utf-8", "svg", "image/svg+xml", "webmanifest", "application/manifest+json");

  /** One file, as it is and gzipped, and the ETag of each (two representations, two tags). */
  record File(byte[] plain, byte[] gzipped, String etag, String contentType) {
    String gzipEtag() {
      return etag.substring(0, etag.length() - 1) + "-gz\"";
    }
  }

  private final Vertx vertx;
  /** Loaded files by name, and those being loaded; a name not in {@code webroot} is never kept. */
  private final Map<String, Future<File>> files = new ConcurrentHashMap<>();

  ClientFiles(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Answers with {@code name} (relative to {@code webroot/}), or 404 for a file there is not. */
  void serve(RoutingContext rc, String name) {
    if (!NAME.matcher(name).matches()) {
      rc.fail(404);
      return;
    }
    file(name).onComplete(ar -> {
      if (ar.failed() || ar.result() == null) {
        if (!rc.response().ended()) rc.fail(404);
        return;
      }
      send(rc, ar.result());
    });
  }

  private Future<File> file(String name) {
    Future<File> known = files.get(name);
    if (known != null) return known;
    Future<File> loading = vertx.executeBlocking(() -> load(name), false); // the classpath is a disk or a jar
    Future<File> raced = files.putIfAbsent(name, loading);
    if (raced != null) return raced;
    loading.onComplete(ar -> {
      if (ar.failed() || ar.result() == null) files.remove(name); // not there: asked again, looked for again
    });
    return loading;
  }

  private static void send(RoutingContext rc, File f) {
    // only a browser that takes gzip gets it (all do); the API's compressor leaves an encoded answer alone
    boolean gzip = acceptsGzip(rc.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
    String etag = gzip ? f.gzipEtag() : f.etag();
    var response = rc.response().putHeader(HttpHeaders.CONTENT_TYPE, f.contentType()).putHeader(HttpHeaders.ETAG, etag)
        .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    String ifNoneMatch = rc.request().getHeader(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
      response.setStatusCode(304).end();
      return;
    }
    // a client that takes no gzip is not compressed for by the server either
    if (gzip) response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip").end(Buffer.buffer(f.gzipped()));
    else response.end(Buffer.buffer(f.plain()));
  }

  /**
   * Whether an Accept-Encoding header (RFC 9110) takes gzip: named without {@code q=0}, or not named
   * and {@code *} taken.
   */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) return false;
    Boolean gzip = null;
    Boolean any = null;
    for (String part : acceptEncoding.split(",")) {
      String[] pieces = part.trim().split(";");
      String coding = pieces[0].trim();
      boolean refused = false;
      for (int i = 1; i < pieces.length; i++) {
        String p = pieces[i].trim().replace(" ", "");
        if (p.startsWith("q=")) refused = p.substring(2).matches("0(\\.0{0,3})?");
      }
      if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) gzip = !refused;
      else if (coding.equals("*")) any = !refused;
    }
    return gzip != null ? gzip : any != null && any;
  }

  /** A script or style sheet as it is sent: its comments that fill whole lines blanked (see {@link WholeLineComments}). */
  static byte[] withoutWholeLineComments(String name, byte[] source) {
    if (name.endsWith(".js")) return WholeLineComments.inScript(new String(source, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    if (name.endsWith(".css")) return WholeLineComments.inStyle(new String(source, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    return source;
  }

  /** Null for a file not there. Blocking. */
  static File load(String name) {
    try (InputStream in = ClientFiles.class.getClassLoader().getResourceAsStream("webroot/" + name)) {
      if (in == null) return null;
      byte[] plain = withoutWholeLineComments(name, in.readAllBytes());
      ByteArrayOutputStream packed = new ByteArrayOutputStream(plain.length / 2);
      try (GZIPOutputStream gz = new GZIPOutputStream(packed) {
        {
          def.setLevel(Deflater.BEST_COMPRESSION);
        }
      }) {
        gz.write(plain);
      }
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain), 0, 12);
      String extension = name.substring(name.lastIndexOf('.') + 1);
      return new File(plain, packed.toByteArray(), "\"" + hash + "\"", TYPES.getOrDefault(extension, "application/octet-stream"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
