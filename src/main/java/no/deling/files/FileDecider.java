package no.deling.files;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.files.FileEvent.FileDeleted;
import no.deling.files.FileEvent.FileUploaded;

/**
 * Rules for one file: recording an upload once its bytes are stored (a person, never an
 * integration or the server; a name as {@link FileKinds#name} keeps it; a size within the
 * configured limit; one record per file id), and its deletion by its uploader alone.
 */
public final class FileDecider implements Decider<FileDecider.FileCommand, FileDecider.FileState, FileEvent> {
  public sealed interface FileCommand {}

  /**
   * @param maxBytes the configured limit ({@code DELING_FILE_MAX_BYTES})
   * @param width an image's size, null for other files
   */
  public record UploadFile(String fileId, String by, String name, String contentType, long size, long maxBytes, String sha256,
      Integer width, Integer height, boolean thumbnail, boolean small, Instant at) implements FileCommand {
    /** Without the small copy. */
    public UploadFile(String fileId, String by, String name, String contentType, long size, long maxBytes, String sha256, Integer width,
        Integer height, boolean thumbnail, Instant at) {
      this(fileId, by, name, contentType, size, maxBytes, sha256, width, height, thumbnail, false, at);
    }
  }

  /** @param maySee whether the actor may see the file now (read by the caller: the one visibility rule) */
  public record DeleteFile(String fileId, String actor, boolean maySee, Instant at) implements FileCommand {}

  /**
   * The server deletes an upload nobody ever saw: shown in no post and nobody's photo (read by the
   * caller) for {@code DELING_UNUSED_FILE_HOURS}.
   */
  public record DeleteUnused(String fileId, boolean unused, Instant at) implements FileCommand {}

  /** @param description what the image shows, in its uploader's words (empty: not said) */
  public record DescribeFile(String fileId, String actor, boolean maySee, String description, Instant at) implements FileCommand {}

  /** The longest description kept. */
  public static final int MAX_DESCRIPTION = 1_000;

  /** @param by the uploader, null while there is no such file */
  public record FileState(String by, boolean deleted, String description) {
    static final FileState NONE = new FileState(null, false, "");
  }

  @Override
  public FileState initialState() {
    return FileState.NONE;
  }

  @Override
  public FileState evolve(FileState state, FileEvent event) {
    if (event instanceof FileUploaded u) return new FileState(u.by(), false, "");
    if (event instanceof FileEvent.FileDescribed d) return new FileState(state.by(), state.deleted(), d.description());
    return new FileState(state.by(), true, state.description());
  }

  @Override
  public List<FileEvent> decide(FileCommand command, FileState state) {
    if (command instanceof DeleteFile c) {
      if (state.deleted() && c.actor().equals(state.by())) return List.of(); // deleted already: the same again changes nothing
      if (state.by() == null || state.deleted() || !c.maySee()) throw new Rejection.NotFound("file " + c.fileId() + " does not exist");
      if (!state.by().equals(c.actor())) throw new Rejection.Forbidden("only its uploader deletes file " + c.fileId());
      return List.of(new FileDeleted(c.fileId(), c.actor(), c.at()));
    }
    if (command instanceof DeleteUnused c) {
      if (state.by() == null || state.deleted() || !c.unused()) return List.of(); // gone already, or put to use meanwhile
      return List.of(new FileDeleted(c.fileId(), state.by(), c.at()));
    }
    if (command instanceof DescribeFile c) {
      if (state.by() == null || state.deleted() || !c.maySee()) throw new Rejection.NotFound("file " + c.fileId() + " does not exist");
      if (!state.by().equals(c.actor())) throw new Rejection.Forbidden("only its uploader describes file " + c.fileId());
      String text = c.description() == null ? "" : c.description().strip();
      if (text.length() > MAX_DESCRIPTION) throw new Rejection.Invalid("description", "maxLength", "a description is at most " + MAX_DESCRIPTION + " characters");
      if (text.equals(state.description())) return List.of();
      return List.of(new FileEvent.FileDescribed(c.fileId(), c.actor(), text, c.at()));
    }
    UploadFile c = (UploadFile) command;
    if (state.by() != null) throw new Rejection.Conflict("file " + c.fileId() + " already exists");
    if (no.deling.integrations.Integrations.reservedForNonPersons(c.by())) throw new Rejection.Forbidden("only people upload files");
    String name = FileKinds.name(c.name());
    if (c.size() < 1) throw new Rejection.Invalid("body", "minLength", "the file is empty");
    if (c.size() > c.maxBytes()) throw new Rejection.Invalid("body", "maxLength", "a file is at most " + c.maxBytes() + " bytes");
    return List.of(new FileUploaded(c.fileId(), c.by(), name, c.contentType(), c.size(), c.sha256(), c.width(), c.height(), c.thumbnail(), c.at(),
        c.small() ? Boolean.TRUE : null));
  }
}
