package no.deling.stream;

/**
 * One subscribable stream, as a stable string that messages carry in their {@code stream} field:
 * {@code home}, {@code notifications}, {@code user:<id>}, {@code topic:<tag>}, {@code thread:<root post id>}, {@code group:<id>}.
 * Home and notifications are always the connection's own.
 */
public record StreamKey(Kind kind, String value) {
  public enum Kind { HOME, NOTIFICATIONS, USER, TOPIC, THREAD, GROUP }

  public String wire() {
    return switch (kind) {
      case HOME -> "home";
      case NOTIFICATIONS -> "notifications";
      case USER -> "user:" + value;
      case TOPIC -> "topic:" + value;
      case THREAD -> "thread:" + value;
      case GROUP -> "group:" + value;
    };
  }
}
