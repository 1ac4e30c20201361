package no.deling.files;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * A file someone uploaded to attach to their posts: stream {@code file-<id>}. The bytes are not in
 * the log (a photo would dwarf a year of posts and be read by every rebuild) but in the file store,
 * encrypted with the uploader's key of the month, so erasure and retention take them with the words.
 */
public sealed interface FileEvent extends DomainEvent {
  String fileId();

  /**
   * Stored once its bytes were on disk, so an acknowledged upload is never without them.
   *
   * @param contentType what the server found the bytes to be (never the client's word)
   * @param sha256 of the bytes as uploaded, in hex (also their HTTP entity tag)
   * @param width an image's size in pixels; null for other files and images the server cannot read
   * @param thumbnail whether a smaller copy for timelines was stored beside it
   * @param small whether a copy for beside a name (at most 128 pixels) was stored too; null (absent) when not
   */
  record FileUploaded(String fileId, String by, String name, String contentType, long size, String sha256, Integer width, Integer height,
      boolean thumbnail, Instant at, Boolean small) implements FileEvent {
    /** Without the small copy. */
    public FileUploaded(String fileId, String by, String name, String contentType, long size, String sha256, Integer width, Integer height,
        boolean thumbnail, Instant at) {
      this(fileId, by, name, contentType, size, sha256, width, height, thumbnail, at, null);
    }
  }

  /**
   * Its uploader said what an image shows, for those who cannot see it (screen readers read it
   * out; browsers show it when the image does not load). Their words: sealed like a post's.
   *
   * @param description empty to take it away
   */
  record FileDescribed(String fileId, String by, String description, Instant at) implements FileEvent {}

  /**
   * It was deleted, by its uploader {@code by}, or by the server when it was never shown (the
   * command's actor says which): it leaves every post that showed it (the posts stay), stops being
   * its uploader's photo, and its bytes leave the disk.
   */
  record FileDeleted(String fileId, String by, Instant at) implements FileEvent {}

  static String stream(String fileId) {
    return "file-" + fileId;
  }
}
