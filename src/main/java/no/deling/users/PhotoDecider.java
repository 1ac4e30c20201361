package no.deling.users;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.users.PhotoEvent.ProfilePhotoRemoved;
import no.deling.users.PhotoEvent.ProfilePhotoSet;

/**
 * Rules for a person's photo: an image they uploaded themselves; choosing the one they have, or
 * removing none, changes nothing. The state is the current photo's file id, or null.
 */
public final class PhotoDecider implements Decider<PhotoDecider.PhotoCommand, String, PhotoEvent> {
  public sealed interface PhotoCommand {}

  /**
   * @param uploader who uploaded the file (read by the caller), or null when there is no such file
   * @param image whether the file is an image
   */
  public record SetPhoto(String userId, String fileId, String uploader, boolean image, Instant at) implements PhotoCommand {}

  public record RemovePhoto(String userId, Instant at) implements PhotoCommand {}

  @Override
  public String initialState() {
    return null;
  }

  @Override
  public String evolve(String current, PhotoEvent event) {
    return event instanceof ProfilePhotoSet set ? set.fileId() : null;
  }

  @Override
  public List<PhotoEvent> decide(PhotoCommand command, String current) {
    if (command instanceof SetPhoto c) {
      // another's file reads as no file at all, as when attaching one to a post
      if (!c.userId().equals(c.uploader())) throw new Rejection.Invalid("file", "own-upload", "file " + c.fileId() + " does not exist: upload your photo first (POST /api/files)");
      if (!c.image()) throw new Rejection.Invalid("file", "image", "a photo is an image (PNG, JPEG, GIF or WebP)");
      if (c.fileId().equals(current)) return List.of();
      return List.of(new ProfilePhotoSet(c.userId(), c.fileId(), c.at()));
    }
    RemovePhoto c = (RemovePhoto) command;
    return current == null ? List.of() : List.of(new ProfilePhotoRemoved(c.userId(), c.at()));
  }
}
