package no.deling.core.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.regex.Pattern;

/**
 * What every request must get right before any router sees it, answered with a problem (never a
 * 500, a plain-text 400 or a stack trace in the log): an HTTP/1.1 {@code Host} header, a path whose
 * and query string percent-escapes decode, and, for a body, a JSON media type (a file upload's is
 * {@code application/octet-stream}; an email's one-click unsubscribe, a form) — a multipart body
 * would otherwise be written to disk as uploads by anyone, token or not.
 */
public final class RequestGuard implements Handler<HttpServerRequest> {
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
  private final Handler<HttpServerRequest> next;
  /** The email's unsubscribe link ({@code no.deling.email.UnsubscribeLink#PATH}). */
  static final String ONE_CLICK_UNSUBSCRIBE = "/email/unsubscribe";

  public RequestGuard(Handler<HttpServerRequest> next) {
    this.next = next;
  }

  @Override
  public void handle(HttpServerRequest req) {
    if (req.version() != HttpVersion.HTTP_1_0 && req.version() != HttpVersion.HTTP_2 && req.getHeader("Host") == null) {
      refuse(req, 400, "invalid-request", "Invalid request", new Problems.FieldError("Host", "required", "HTTP/1.1 requests need a Host header"));
      return;
    }
    String path = req.path();
    if (path == null || BAD_ESCAPE.matcher(path).find()) {
      refuse(req, 400, "invalid-request", "Invalid request", new Problems.FieldError("path", "percent-encoding", "the path has a malformed %-escape"));
      return;
    }
    String query = req.query();
    if (query != null && BAD_ESCAPE.matcher(query).find()) {
      refuse(req, 400, "invalid-request", "Invalid request", new Problems.FieldError("query", "percent-encoding", "the query has a malformed %-escape"));
      return;
    }
    if (hasBody(req) && !path.startsWith("/scim/")) {
      // RFC 8058's one click comes as a form, from a mail program; the route reads nothing of it and stores no file
      if (path.equals(ONE_CLICK_UNSUBSCRIBE) && (is(req.getHeader("Content-Type"), "application/x-www-form-urlencoded")
          || is(req.getHeader("Content-Type"), "multipart/form-data"))) {
        next.handle(req);
        return;
      }
      // a file upload is the one body that is not JSON: its bytes, as they are
      boolean upload = Uploads.is(req.method(), path);
      if (upload ? !is(req.getHeader("Content-Type"), Uploads.MEDIA_TYPE) : !json(req.getHeader("Content-Type"))) {
        refuse(req, 415, "unsupported-media-type", "Unsupported media type", new Problems.FieldError("Content-Type", "media-type",
            upload ? "send the file's bytes as " + Uploads.MEDIA_TYPE : "send the body as application/json"));
        return;
      }
    }
    next.handle(req);
  }

  /** For requests the HTTP decoder rejected: 414, 431 or 400, as a problem, and the connection closed. */
  public static void invalid(HttpServerRequest req) {
    Throwable cause = req.decoderResult() == null ? null : req.decoderResult().cause();
    if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
      // well-formed, but over Vert.x's limits (its defaults): say which, so a client with a huge token knows
      if (cause.getMessage() != null && cause.getMessage().contains("header")) {
        refuse(req, 431, "invalid-request", "Request headers too large", new Problems.FieldError("headers", "max-size",
            "the request's headers are over " + io.vertx.core.http.HttpServerOptions.DEFAULT_MAX_HEADER_SIZE / 1024 + " KiB (a very large token?)"));
      } else {
        refuse(req, 414, "invalid-request", "URI too long", new Problems.FieldError("uri", "max-length",
            "the request line is over " + io.vertx.core.http.HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH / 1024 + " KiB"));
      }
      return;
    }
    refuse(req, 400, "invalid-request", "Invalid request", new Problems.FieldError("request", "http", "the request is not well-formed HTTP"));
  }

  private static boolean hasBody(HttpServerRequest req) {
    HttpMethod m = req.method();
    if (m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.DELETE || m == HttpMethod.OPTIONS) return false;
    String length = req.getHeader("Content-Length");
    return req.getHeader("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
  }

  private static boolean is(String contentType, String expected) {
    return contentType != null && contentType.split(";", 2)[0].trim().equalsIgnoreCase(expected);
  }

  /** application/json, or any +json type (SCIM's application/scim+json) */
  private static boolean json(String contentType) {
    if (contentType == null) return false;
    String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }

  /** Answers, then closes the connection: the rest of what the client sends is not read. */
  private static void refuse(HttpServerRequest req, int status, String type, String title, Problems.FieldError error) {
    req.response().putHeader("Connection", "close");
    Problems.send(req.response(), status, type, title, error.message(), java.util.List.of(error));
  }
}
