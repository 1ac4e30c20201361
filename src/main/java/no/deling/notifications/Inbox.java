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
  private final Notifications notifications = new Notifications();
  private final BackgroundSubscriber<Notifications.Work> subscriber =
      new BackgroundSubscriber<>("deling-notifications", 4_096, notifications::handle);

  /** Projection thread: what an event notified (may be empty) and the event itself. */
  public void offer(List<Notification> notified, DomainEvent event, long position) {
    if (!notified.isEmpty() || event instanceof NotificationsRead) subscriber.offer(new Notifications.Work(notified, event), position);
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
