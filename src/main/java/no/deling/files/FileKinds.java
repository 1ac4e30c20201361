package no.deling.files;

import java.util.Locale;
import java.util.Map;
import no.deling.core.command.Rejection;

/**
 * What an uploaded file is, decided by the server from its bytes (and, for documents, its name's
 * extension), never from what the client says: a file served back with a type a client chose could
 * make a browser run it. Only images the browser shows inline are served inline; everything else is
 * a download.
 */
public final class FileKinds {
  private FileKinds() {}

  /** The longest file name kept. */
  public static final int MAX_NAME = 200;

  /** @param image whether browsers show it inline, in a post */
  public record Kind(String contentType, boolean image) {}

  public static final String OCTET_STREAM = "application/octet-stream";

  /** Documents known by their extension, whose bytes have no magic number we trust more. */
  private static final Map<String, String> DOCUMENTS = Map.ofEntries(
      Map.entry("txt", "text/plain"),
      Map.entry("log", "text/plain"),
      Map.entry("md", "text/markdown"),
      Map.entry("csv", "text/csv"),
      Map.entry("json", "application/json"),
      Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
      Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
      Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
      Map.entry("odt", "application/vnd.oasis.opendocument.text"),
      Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
      Map.entry("odp", "application/vnd.oasis.opendocument.presentation"),
      Map.entry("zip", "application/zip"));

  /** The kind of {@code bytes} named {@code name}. */
  public static Kind of(String name, byte[] bytes) {
    if (starts(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return new Kind("image/png", true);
    if (starts(bytes, 0, 0xFF, 0xD8, 0xFF)) return new Kind("image/jpeg", true);
    if (starts(bytes, 0, 'G', 'I', 'F', '8', '7', 'a') || starts(bytes, 0, 'G', 'I', 'F', '8', '9', 'a')) return new Kind("image/gif", true);
    if (starts(bytes, 0, 'R', 'I', 'F', 'F') && starts(bytes, 8, 'W', 'E', 'B', 'P')) return new Kind("image/webp", true);
    if (starts(bytes, 0, '%', 'P', 'D', 'F', '-')) return new Kind("application/pdf", false);
    String byName = DOCUMENTS.get(extension(name));
    boolean zip = starts(bytes, 0, 'P', 'K', 3, 4);
    if (byName != null && byName.startsWith("text/") || "application/json".equals(byName)) {
      return new Kind(no.deling.core.http.Utf8BodyCheck.valid(bytes) ? byName : OCTET_STREAM, false);
    }
    // an office document is a zip: a name that says docx on bytes that are not one is just bytes
    if (byName != null) return new Kind(zip ? byName : OCTET_STREAM, false);
    return new Kind(OCTET_STREAM, false);
  }

  /**
   * The name as kept: trimmed, without any folder a browser put in front; refused when empty, too
   * long, or holding control characters.
   */
  public static String name(String requested) {
    if (requested == null || requested.isBlank()) throw new Rejection.Invalid("name", "required", "name the file (?name=report.pdf)");
    String name = requested.strip();
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    if (name.isEmpty() || name.equals(".") || name.equals("..")) throw new Rejection.Invalid("name", "file-name", "a file name, not a folder");
    if (name.length() > MAX_NAME) throw new Rejection.Invalid("name", "maxLength", "a file name is at most " + MAX_NAME + " characters");
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) throw new Rejection.Invalid("name", "file-name", "a file name holds no control characters");
    }
    return name;
  }

  static String extension(String name) {
    int dot = name == null ? -1 : name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static boolean starts(byte[] bytes, int at, int... magic) {
    if (bytes.length < at + magic.length) return false;
    for (int i = 0; i < magic.length; i++) if ((bytes[at + i] & 0xFF) != magic[i]) return false;
    return true;
  }
}
