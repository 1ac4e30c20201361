package no.deling.files;

import static no.deling.core.http.Requests.actor;
import static no.deling.core.http.Requests.path;
import static no.deling.core.http.Requests.query;
import static no.deling.core.http.Requests.respond;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.http.Problems;
import no.deling.core.ids.PostIds;
import no.deling.files.FileStore.Variant;
import no.deling.files.Files.FileInfo;
import no.deling.privacy.sealing.KeyStore;
import no.deling.privacy.sealing.Sealer;

/**
 * Uploading files to attach to posts, and fetching them. An upload is stored encrypted on disk
 * first and recorded in the log second, and answered only then; a file is served only to whom the
 * posts showing it reach ({@link FileQueries#readableBy}), with headers that keep a browser from
 * running it: only images are shown inline, every other file is a download.
 */
public final class FileRoutes {
  private static final FileDecider DECIDER = new FileDecider();
  private final Wiring w;
  private final KeyStore keys;
  private final FileStore store;
  /**
   * Where images are decoded and scaled: as many threads as cores, apart from the shared worker
   * pool, so sixteen photos arriving at once queue here instead of taking every worker the rest of
   * the server's blocking work needs (a shared executor: one for every HTTP verticle instance).
   */
  private final io.vertx.core.WorkerExecutor images;

  public FileRoutes(Wiring wiring, KeyStore keys) {
    this.w = wiring;
    this.keys = keys;
    this.store = new FileStore(wiring.config().filesPath());
    this.images = wiring.vertx().createSharedWorkerExecutor("deling-files", Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("uploadFile").addHandler(this::upload);
    rb.getRoute("getFile").addHandler(rc -> download(rc, Variant.ORIGINAL));
    rb.getRoute("getFileThumbnail").addHandler(rc -> download(rc, Variant.THUMBNAIL));
    rb.getRoute("getFileSmall").addHandler(rc -> download(rc, Variant.SMALL));
    rb.getRoute("deleteFile").addHandler(this::delete);
    rb.getRoute("describeFile").addHandler(this::describe);
    rb.getRoute("listMyFiles").addHandler(rc -> respond(rc, 200,
        Future.succeededFuture(w.queries().files().mine(actor(rc).id(), no.deling.core.http.Requests.before(rc), no.deling.core.http.Requests.limit(rc)))));
  }

  /** Its uploader says what an image shows (its alternative text); the answer is the file as posts show it. */
  private void describe(RoutingContext rc) {
    String actor = actor(rc).id();
    String id = path(rc, "id");
    boolean maySee = w.queries().files().readableBy(actor, id) != null;
    var command = new FileDecider.DescribeFile(id, actor, maySee, no.deling.core.http.Requests.body(rc).getString("description"), w.clock().instant());
    respond(rc, 200, w.commands().execute(FileEvent.stream(id), DECIDER, command, CommandMeta.of(actor))
        .compose(r -> w.caughtUp(r.position()).map(v -> w.queries().files().uploaded(id).put("position", r.position()))));
  }

  /** Its uploader deletes it: out of every post that showed it, no longer their photo, and off the disk. */
  private void delete(RoutingContext rc) {
    String actor = actor(rc).id();
    String id = path(rc, "id");
    boolean maySee = w.queries().files().readableBy(actor, id) != null;
    w.commands().execute(FileEvent.stream(id), DECIDER, new FileDecider.DeleteFile(id, actor, maySee, w.clock().instant()), CommandMeta.of(actor))
        .compose(r -> w.caughtUp(r.position()))
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(e -> Problems.fail(rc, e));
  }

  private record Stored(FileKinds.Kind kind, int size, String sha256, Thumbnails.Image image) {}

  private void upload(RoutingContext rc) {
    String by = actor(rc).id();
    Buffer body = rc.body().buffer();
    byte[] received = body == null ? new byte[0] : body.getBytes();
    String name;
    try {
      name = FileKinds.name(query(rc, "name"));
    } catch (RuntimeException e) {
      Problems.fail(rc, e);
      return;
    }
    if (received.length == 0) {
      Problems.invalid(rc, "body", "minLength", "send the file's bytes as the body (Content-Type: application/octet-stream)");
      return;
    }
    String fileId = PostIds.format(w.ids().next(w.clock().millis()));
    Instant at = w.clock().instant(); // its month is the key's, in the log and on disk alike
    String period = Sealer.month(at);
    // hashing, decoding, scaling, encrypting and forcing to disk: a worker's job
    Future<Stored> stored = images.executeBlocking(() -> {
      FileKinds.Kind kind = FileKinds.of(name, received);
      // where a photo was taken, when, with what: not for the whole organisation (see ImageMetadata)
      byte[] bytes = kind.image() ? ImageMetadata.withoutPersonalData(received, kind.contentType()) : received;
      Thumbnails.Image image = kind.image() ? Thumbnails.of(bytes, kind.contentType()) : null;
      var key = keys.create(by, period);
      if (image != null && image.bytes() != null) store.write(fileId, Variant.THUMBNAIL, by, period, key, image.bytes());
      if (image != null && image.small() != null) store.write(fileId, Variant.SMALL, by, period, key, image.small());
      store.write(fileId, Variant.ORIGINAL, by, period, key, bytes);
      return new Stored(kind, bytes.length, sha256(bytes), image);
    }, false);
    respond(rc, 201, stored.compose(s -> w.commands().executeOnNewStream(FileEvent.stream(fileId), DECIDER,
            new FileDecider.UploadFile(fileId, by, name, s.kind().contentType(), s.size(), w.config().fileMaxBytes(), s.sha256(),
                s.image() == null ? null : s.image().width(), s.image() == null ? null : s.image().height(),
                s.image() != null && s.image().bytes() != null, s.image() != null && s.image().small() != null, at),
            CommandMeta.of(by))
        .onFailure(e -> w.vertx().executeBlocking(() -> {
          store.delete(fileId); // never recorded: nobody can ask for it, so its bytes go
          return null;
        }, false))
        .compose(r -> {
          w.queries().files().traffic().stored(received.length);
          return w.caughtUp(r.position()).map(v -> w.queries().files().uploaded(fileId).put("position", r.position()));
        })));
  }

  private void download(RoutingContext rc, Variant variant) {
    String viewer = actor(rc).id();
    String id = path(rc, "id");
    FileInfo f = w.queries().files().readableBy(viewer, id);
    if (f == null || (variant != Variant.ORIGINAL && !f.image())) {
      notFound(rc, id);
      return;
    }
    // an image small enough (or a GIF, which a smaller copy would stop moving) is its own thumbnail and small copy
    Variant stored = variant == Variant.SMALL && !f.small() ? Variant.THUMBNAIL : variant;
    if (stored == Variant.THUMBNAIL && !f.thumbnail()) stored = Variant.ORIGINAL;
    Variant served = stored;
    String etag = "\"" + f.sha256() + (stored == Variant.ORIGINAL ? "" : stored.suffix.replace('.', '-')) + "\"";
    var response = rc.response()
        .putHeader("ETag", etag)
        // viewers change (someone leaves a private group): only the viewer's own cache keeps it, and asks again each time
        .putHeader("Cache-Control", "private, no-cache")
        .putHeader("X-Content-Type-Options", "nosniff")
        // opened on its own, a file runs nothing and loads nothing
        .putHeader("Content-Security-Policy", "default-src 'none'; img-src 'self'; sandbox")
        .putHeader("Cross-Origin-Resource-Policy", "same-origin");
    if (etag.equals(rc.request().getHeader("If-None-Match"))) {
      response.setStatusCode(304).end();
      return;
    }
    var key = keys.key(f.by(), f.period());
    w.vertx().executeBlocking(() -> store.read(f.id(), served, f.by(), f.period(), key), false).onComplete(read -> {
      if (read.failed()) {
        Problems.fail(rc, read.cause());
        return;
      }
      if (read.result() == null) {
        notFound(rc, id); // its key destroyed a moment ago, or its bytes gone: as if it never was
        return;
      }
      String type = served == Variant.ORIGINAL ? f.contentType() : Thumbnails.typeOf(read.result());
      // images, PDFs and office files are compressed already: gzip would cost a core and save nothing
      if (!compressible(type)) response.putHeader("Content-Encoding", "identity");
      response.putHeader("Content-Type", type)
          .putHeader("Content-Disposition", (f.image() ? "inline" : "attachment") + "; filename*=UTF-8''" + encoded(f.name()))
          .end(Buffer.buffer(read.result()));
    });
  }

  static boolean compressible(String contentType) {
    return contentType.startsWith("text/") || contentType.equals("application/json");
  }

  private static void notFound(RoutingContext rc, String id) {
    Problems.fail(rc, new no.deling.core.command.Rejection.NotFound("file " + id + " does not exist"));
  }

  /** RFC 5987's encoding, which every browser reads, so any name (Norwegian letters, quotes) arrives as given. */
  private static String encoded(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
