package no.deling.files;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.files.FileEvent.FileUploaded;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.privacy.RetentionEvent.RetentionApplied;
import no.deling.users.UserEvent.PersonErased;

/**
 * Every uploaded file the read side knows, and which posts attach which files. A file may be
 * attached to several of its uploader's posts (the same diagram in two groups); who may fetch it
 * follows from those posts (see {@code FileQueries}).
 */
public final class Files {
  /**
   * A file as uploaded.
   *
   * @param period the month its bytes are sealed under
   * @param description what an image shows, in its uploader's words; null when not said
   * @param small whether a copy for beside a name was stored (else the thumbnail, or the image itself, serves)
   */
  public record FileInfo(String id, String by, String name, String contentType, long size, String sha256, Integer width, Integer height,
      boolean thumbnail, Instant uploadedAt, String period, String description, boolean small) {
    public boolean image() {
      return contentType.startsWith("image/");
    }

    FileInfo describedAs(String text) {
      return new FileInfo(id, by, name, contentType, size, sha256, width, height, thumbnail, uploadedAt, period, text.isEmpty() ? null : text, small);
    }
  }

  private final Long2ObjectOpenHashMap<FileInfo> byId = new Long2ObjectOpenHashMap<>();
  /** post id → the files it attaches, in the order given */
  private final Long2ObjectOpenHashMap<long[]> ofPost = new Long2ObjectOpenHashMap<>();
  /** file id → the posts attaching it, oldest first */
  private final Long2ObjectOpenHashMap<long[]> postsOf = new Long2ObjectOpenHashMap<>();
  /** Files deleted, or forgotten by an erasure or retention, whose bytes are still to be deleted ({@link #drainForgotten}). */
  private final List<String> forgotten = new ArrayList<>();

  public void on(DomainEvent event) {
    if (event instanceof FileUploaded u) {
      byId.put(PostIds.parse(u.fileId()), new FileInfo(u.fileId(), u.by(), u.name(), u.contentType(), u.size(), u.sha256(), u.width(),
          u.height(), u.thumbnail(), u.at(), no.deling.privacy.sealing.Sealer.month(u.at()), null, Boolean.TRUE.equals(u.small())));
    } else if (event instanceof FileEvent.FileDescribed d) {
      FileInfo f = byId.get(PostIds.parse(d.fileId()));
      if (f != null) byId.put(PostIds.parse(d.fileId()), f.describedAs(d.description()));
    } else if (event instanceof PostPublished p && p.attachments() != null && !p.attachments().isEmpty()) {
      long post = PostIds.parse(p.postId());
      if (!ofPost.containsKey(post)) relink(post, p.attachments()); // else seen before a restart
    } else if (event instanceof no.deling.posts.PostEvent.PostEdited e && e.attachments() != null) {
      relink(PostIds.parse(e.postId()), e.attachments());
    } else if (event instanceof FileEvent.FileDeleted d) {
      // the posts that showed it stay listed (the search index asks which to index again): it is no longer known
      if (byId.remove(PostIds.parse(d.fileId())) != null) forgotten.add(d.fileId());
    } else if (event instanceof PersonErased e) {
      forgetWhere(f -> f.by().equals(e.userId()));
    } else if (event instanceof RetentionApplied r) {
      forgetWhere(f -> f.period().compareTo(r.before()) < 0);
    }
  }

  /** The post shows {@code ids} from now on (none when empty), instead of what it showed. */
  private void relink(long post, List<String> ids) {
    long[] before = ofPost.remove(post);
    if (before != null) {
      for (long f : before) {
        long[] posts = postsOf.get(f);
        if (posts == null) continue;
        long[] rest = java.util.Arrays.stream(posts).filter(p -> p != post).toArray();
        if (rest.length == 0) postsOf.remove(f);
        else postsOf.put(f, rest);
      }
    }
    if (ids.isEmpty()) return;
    long[] files = new long[ids.size()];
    for (int i = 0; i < files.length; i++) {
      files[i] = PostIds.parse(ids.get(i));
      long[] posts = postsOf.get(files[i]);
      postsOf.put(files[i], posts == null ? new long[] {post} : append(posts, post));
    }
    ofPost.put(post, files);
  }

  /** The ids of the files a post shows, in order, known or not (empty when none). */
  public List<String> attachmentIds(long postId) {
    long[] files = ofPost.get(postId);
    if (files == null) return List.of();
    List<String> out = new ArrayList<>(files.length);
    for (long f : files) out.add(PostIds.format(f));
    return out;
  }

  /** A rebuild would not open them (their keys are gone): the running side forgets them as well. */
  private void forgetWhere(java.util.function.Predicate<FileInfo> gone) {
    for (Iterator<FileInfo> it = byId.values().iterator(); it.hasNext();) {
      FileInfo f = it.next();
      if (gone.test(f)) {
        postsOf.remove(PostIds.parse(f.id()));
        forgotten.add(f.id());
        it.remove();
      }
    }
  }

  /**
   * The files forgotten since the last call, whose bytes nobody can open any more (their keys are
   * destroyed): the server deletes them from disk too. Call on the projection thread.
   */
  public List<String> drainForgotten() {
    if (forgotten.isEmpty()) return List.of();
    List<String> out = List.copyOf(forgotten);
    forgotten.clear();
    return out;
  }

  /** {@code by}'s files, newest first, below {@code beforeId} (a scan of every file: asked when one looks at one's own). */
  public List<FileInfo> uploadedBy(String by, long beforeId, int limit) {
    List<FileInfo> out = new ArrayList<>();
    for (var e : byId.long2ObjectEntrySet()) if (e.getLongKey() < beforeId && e.getValue().by().equals(by)) out.add(e.getValue());
    out.sort(java.util.Comparator.comparing(FileInfo::id).reversed());
    return out.size() > limit + 1 ? new ArrayList<>(out.subList(0, limit + 1)) : out;
  }

  /** Files uploaded before {@code cutoffMillis} that no post shows (their uploader's photo or not: the caller asks). */
  public List<FileInfo> shownNowhereSince(long cutoffMillis) {
    List<FileInfo> out = new ArrayList<>();
    for (FileInfo f : byId.values()) {
      if (f.uploadedAt().toEpochMilli() < cutoffMillis && !postsOf.containsKey(PostIds.parse(f.id()))) out.add(f);
    }
    return out;
  }

  public FileInfo get(long fileId) {
    return byId.get(fileId);
  }

  /** The posts that attach the file, oldest first (empty when none). */
  public long[] postsAttaching(long fileId) {
    long[] posts = postsOf.get(fileId);
    return posts == null ? new long[0] : posts;
  }

  /** The files a post attaches that are still known, in order (empty when none). */
  public List<FileInfo> attachedTo(long postId) {
    long[] files = ofPost.get(postId);
    if (files == null) return List.of();
    List<FileInfo> out = new ArrayList<>(files.length);
    for (long f : files) {
      FileInfo info = byId.get(f);
      if (info != null) out.add(info);
    }
    return out;
  }

  public boolean hasAttachments(long postId) {
    return ofPost.containsKey(postId);
  }

  private static long[] append(long[] a, long v) {
    long[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = v;
    return out;
  }
}
