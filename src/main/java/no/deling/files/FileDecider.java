package no.deling.files;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.files.FileEvent.FileUploaded;

/**
 * Rules for recording an upload, once its bytes are stored: a person (never an integration or the
 * server), a name as {@link FileKinds#name} keeps it, a size within the configured limit, and one
 * record per file id.
 */
public final class FileDecider implements Decider<FileDecider.UploadFile, Boolean, FileEvent> {

  /**
   * @param maxBytes the configured limit ({@code DELING_FILE_MAX_BYTES})
   * @param width an image's size, null for other files
   */
  public record UploadFile(String fileId, String by, String name, String contentType, long size, long maxBytes, String sha256,
      Integer width, Integer height, boolean thumbnail, Instant at) {}

  @Override
  public Boolean initialState() {
    return false;
  }

  @Override
  public Boolean evolve(Boolean exists, FileEvent event) {
    return true;
  }

  @Override
  public List<FileEvent> decide(UploadFile c, Boolean exists) {
    if (exists) throw new Rejection.Conflict("file " + c.fileId() + " already exists");
    if (no.deling.integrations.Integrations.reservedForNonPersons(c.by())) throw new Rejection.Forbidden("only people upload files");
    String name = FileKinds.name(c.name());
    if (c.size() < 1) throw new Rejection.Invalid("body", "minLength", "the file is empty");
    if (c.size() > c.maxBytes()) throw new Rejection.Invalid("body", "maxLength", "a file is at most " + c.maxBytes() + " bytes");
    return List.of(new FileUploaded(c.fileId(), c.by(), name, c.contentType(), c.size(), c.sha256(), c.width(), c.height(), c.thumbnail(), c.at()));
  }
}
