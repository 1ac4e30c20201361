package no.deling.files;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.deling.core.ids.PostIds;
import no.deling.core.projection.ReadLock;
import no.deling.files.Files.FileInfo;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.visibility.Visibility;

/** Which files exist and who uploaded them (for the post rules), and which a viewer may fetch. */
public final class FileQueries {
  private final ReadLock lock;
  private final Files files;
  private final PostIndex posts;
  private final Visibility.Memberships groups;
  private final no.deling.users.People people;
  private final FileTraffic traffic = new FileTraffic();
  /** Uploads being received or stored at once, on all of this server's event loops. */
  private final java.util.concurrent.Semaphore uploading = new java.util.concurrent.Semaphore(MAX_UPLOADING);
  /** At most this many bodies of {@code DELING_FILE_MAX_MB} are in memory at once. */
  public static final int MAX_UPLOADING = 16;

  public FileQueries(ReadLock lock, Files files, PostIndex posts, Visibility.Memberships groups, no.deling.users.People people) {
    this.lock = lock;
    this.files = files;
    this.posts = posts;
    this.groups = groups;
    this.people = people;
  }

  /** Takes one of the upload slots, or false when all are taken; {@link #doneUploading} gives it back. */
  public boolean startUploading() {
    return uploading.tryAcquire();
  }

  public void doneUploading() {
    uploading.release();
  }

  /** Uploads since start (counted by the routes, read by {@code /metrics}). */
  public FileTraffic traffic() {
    return traffic;
  }

  /** The ids of the files a post shows now, in order (for the rules of an edit). */
  public List<String> shownBy(String postId) {
    long id = PostIds.parse(postId);
    return id < 0 ? List.of() : lock.read(() -> files.attachmentIds(id));
  }

  /**
   * {@code {"items","next"}}: {@code me}'s uploads, newest first, each with the posts that show it
   * now (those still there) and whether it is their photo: what they can find again and delete.
   */
  public JsonObject mine(String me, long before, int limit) {
    return lock.read(() -> {
      List<FileInfo> found = files.uploadedBy(me, before, limit);
      io.vertx.core.json.JsonArray items = new io.vertx.core.json.JsonArray();
      no.deling.users.Person person = people.get(me);
      for (FileInfo f : found.subList(0, Math.min(limit, found.size()))) {
        io.vertx.core.json.JsonArray shownIn = new io.vertx.core.json.JsonArray();
        for (long post : files.postsAttaching(PostIds.parse(f.id()))) {
          PostView p = posts.get(post);
          if (p != null && !p.deleted) shownIn.add(PostIds.format(post));
        }
        items.add(new JsonObject(json(f)).put("posts", shownIn).put("photo", person != null && f.id().equals(person.photo())));
      }
      return new JsonObject().put("items", items).put("next", found.size() > limit ? found.get(limit - 1).id() : null);
    });
  }

  /** The file as uploaded, for the rules (who uploaded it, whether it is an image), or null. */
  public FileInfo info(String id) {
    long fileId = PostIds.parse(id);
    return fileId < 0 ? null : lock.read(() -> files.get(fileId));
  }

  /** Who uploaded each of {@code ids} that exists (an unknown id, or one that is no file id, is left out). */
  public Map<String, String> uploaders(List<String> ids) {
    if (ids == null || ids.isEmpty()) return Map.of();
    return lock.read(() -> {
      Map<String, String> by = new HashMap<>();
      for (String id : ids) {
        long fileId = PostIds.parse(id);
        FileInfo f = fileId < 0 ? null : files.get(fileId);
        if (f != null) by.put(id, f.by());
      }
      return by;
    });
  }

  /** The file, if {@code viewer} may fetch it (the one rule: {@link Visibility#maySeeFile}); else null, as for no file. */
  public FileInfo readableBy(String viewer, String id) {
    long fileId = PostIds.parse(id);
    if (fileId < 0) return null;
    return lock.read(() -> {
      FileInfo f = files.get(fileId);
      if (f == null) return null;
      List<PostView> showing = new ArrayList<>();
      for (long post : files.postsAttaching(fileId)) {
        PostView p = posts.get(post);
        if (p != null) showing.add(p);
      }
      no.deling.users.Person uploader = people.get(f.by());
      boolean photo = uploader != null && id.equals(uploader.photo());
      return Visibility.maySeeFile(viewer, f.by(), photo, showing, groups) ? f : null;
    });
  }

  /** As the uploader is answered, and as a post lists it (see {@link #json}). */
  public JsonObject uploaded(String id) {
    return lock.read(() -> {
      FileInfo f = files.get(PostIds.parse(id));
      return f == null ? new JsonObject().put("id", id) : new JsonObject(json(f));
    });
  }

  /** A file as clients see it: what to call it, what it is, and where to fetch it (and its thumbnail). */
  public static Map<String, Object> json(FileInfo f) {
    Map<String, Object> o = new java.util.LinkedHashMap<>();
    o.put("id", f.id());
    o.put("name", f.name());
    o.put("contentType", f.contentType());
    o.put("size", f.size());
    o.put("image", f.image());
    if (f.description() != null) o.put("description", f.description());
    if (f.width() != null) {
      o.put("width", f.width());
      o.put("height", f.height());
    }
    o.put("url", "/api/files/" + f.id());
    if (f.image()) o.put("thumbnailUrl", "/api/files/" + f.id() + "/thumbnail"); // the image itself when small
    // a heavy GIF's thumbnail is its first frame: the client says it moves when opened
    if (f.image() && f.thumbnail() && "image/gif".equals(f.contentType())) o.put("still", true);
    o.put("uploadedAt", f.uploadedAt().toString());
    return o;
  }
}
