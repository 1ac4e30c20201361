package no.deling.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Supplier;
import no.deling.core.events.DomainEvent;
import no.deling.core.projection.BackgroundSubscriber;
import no.deling.notifications.NotificationEvent.NotificationsRead;

/**
 * The notifications read model behind its own subscriber thread ({@code WhenNotifiedKeepNotification}):
 * the projection thread hands it what {@link NotificationRules} decided; it never takes the read
 * model's lock.
 */
public final class Inbox {
  private final Notifications notifications;
  private final BackgroundSubscriber<List<Object>> subscriber;
  /** Work gathered during one applied batch; projection thread only. Handed over per batch: a hand-off per event cost a tenth of a rebuild. */
  private List<Object> pending = new java.util.ArrayList<>();
  private long pendingPosition;

  public Inbox() {
    this(new Notifications(), 0);
  }

  /** Notifications read back from a snapshot, holding the log up to {@code position}. */
  public Inbox(Notifications restored, long position) {
    notifications = restored;
    subscriber = new BackgroundSubscriber<>("deling-notifications", 256, notifications::handle, position);
  }

  /** Projection thread: what an event notified (may be empty) and the event itself. */
  public void offer(List<Notification> notified, DomainEvent event, long position) {
    if (notified.isEmpty() && !(event instanceof NotificationsRead)) return;
    pending.addAll(notified);
    if (event instanceof NotificationsRead) pending.add(event);
    pendingPosition = position;
  }

  /**
   * Until the server is serving ({@link #serving}), the projection thread rebuilding from the log
   * keeps notifications itself: on two cores, a second busy thread slowed the rebuild by a fifth.
   */
  private volatile boolean serving;

  /** From now on the work is handed to the subscriber's own thread, off the projection thread. */
  public void serving() {
    serving = true;
  }

  /** Projection thread, after each applied batch (outside the read model's lock): hands the batch's work over. */
  public void flush() {
    if (pending.isEmpty()) return;
    if (serving) subscriber.offer(pending, pendingPosition);
    else subscriber.handleHere(pending, pendingPosition);
    pending = new java.util.ArrayList<>();
  }

  /**
   * Waits until every batch handed over was kept (see {@link BackgroundSubscriber#drain}): on the
   * projection thread, or on any thread once the read model's position was awaited with {@code
   * awaitPosition} (which completes only after the batch's hooks handed it over; a read of one's
   * own write does not wait for that).
   */
  public void drain() throws InterruptedException {
    subscriber.drain();
  }

  public <T> T read(java.util.function.Function<Notifications, T> query) {
    Supplier<T> q = () -> query.apply(notifications);
    return subscriber.read(q);
  }

  public Future<Void> awaitPosition(Vertx vertx, long position, long timeoutMs) {
    return subscriber.awaitPosition(vertx, position, timeoutMs);
  }

  public long position() {
    return subscriber.position();
  }

  public void stop() {
    subscriber.stop();
  }
}
