package no.deling.push;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * Notifications pushed to a person's devices: the devices they allowed, and what was pushed to
 * them. Stream {@code push-<userId>}. A device's endpoint and keys reach it, so the log seals
 * {@link PushSubscribed} with the person's profile key; what a push said is never recorded.
 */
public sealed interface PushEvent extends DomainEvent {
  String userId();

  /**
   * A device's push subscription, as the browser's Push API gave it.
   *
   * @param device its id among the person's devices
   * @param endpoint the push service's address for it (RFC 8030)
   * @param p256dh its P-256 public key, uncompressed, base64url (RFC 8291)
   * @param auth its 16-byte authentication secret, base64url
   * @param label what the person calls it, or null
   * @param language what its notifications are worded in: "en" or "nb" (null: the server's)
   */
  record PushSubscribed(String userId, String device, String endpoint, String p256dh, String auth, String label, String language, Instant at) implements PushEvent {}

  /** @param reason removed, gone, replaced or limit (see the schema) */
  record PushUnsubscribed(String userId, String device, String reason, Instant at) implements PushEvent {}

  /**
   * The server claimed the person's unread notifications up to {@code upTo} for one push, before
   * sending it: two servers on one log never both push it.
   */
  record NotificationsPushed(String userId, long upTo, int count, Instant at) implements PushEvent {}

  /**
   * What the person wants pushed: every notification, or only those where someone waits for them
   * (asked a question, mentioned, replied to, invited, asked to be let into a group).
   *
   * @param only "all" or "waiting"
   */
  record PushChoiceSet(String userId, String only, Instant at) implements PushEvent {}

  static String stream(String userId) {
    return "push-" + userId;
  }
}
