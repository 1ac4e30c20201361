package no.deling.stream;

/**
 * One thing that happened, ready to be sent: what it is about (for routing) and its pre-rendered
 * JSON fields (rendered once, sent to any number of sockets).
 *
 * @param type wire type: update, status.update, delete, endorsements, notification
 * @param author the post's author (post entries), or null
 * @param tags the post's hashtags (post entries)
 * @param threadRoot the post's thread root id (post entries), or 0
 * @param recipient the user a notification is for, or null
 * @param fields the message's own fields as JSON text without braces, e.g. {@code "post":{...}}
 */
public record StreamEntry(long position, String type, String author, String[] tags, long threadRoot, String recipient, String fields) {

  /** The full message for one stream. Built by concatenation: the payload is already JSON. */
  public String message(StreamKey key) {
    return "{\"type\":\"" + type + "\",\"stream\":\"" + key.wire() + "\",\"position\":" + position + "," + fields + "}";
  }

  boolean isNotification() {
    return recipient != null;
  }
}
