package no.deling.stream;

import java.util.List;
import no.deling.core.events.DomainEvent;
import no.deling.groups.GroupEvent.GroupMemberRemoved;
import no.deling.notifications.Inbox;
import no.deling.notifications.Notification;
import no.deling.notifications.NotificationRules;
import no.deling.readmodel.ReadModel;

/**
 * After every applied event: decides who is notified (once, for both consumers), hands that to the
 * notifications subscriber, and turns the event into stream entries for the hub when it is within
 * the resume window. Runs on the projection thread, under the read model's write lock, so a live
 * entry delivered at once shows the post as of its own event. Events older than the window (most of
 * a rebuild) cost the hub nothing, and an entry nobody receives live is rendered only if a resuming
 * client asks for it (see {@link StreamEntry}).
 */
public final class WhenEventAppliedPublishToStreams {
  private WhenEventAppliedPublishToStreams() {}

  /** @param headAtStart the log's head when this server started */
  public static void wire(ReadModel model, StreamHub hub, Inbox inbox, long headAtStart) {
    List<Notification> notified = new java.util.ArrayList<>(); // reused: projection thread only
    model.onApplied((event, position) -> {
      notified.clear();
      boolean live = position > headAtStart;
      NotificationRules.collect(event, position, model, notified, live);
      inbox.offer(notified, event, position);
      if (position > hub.retainedAfter()) hub.publish(StreamEntries.of(event, position, model, List.copyOf(notified)));
      // a person the directory deactivates loses their open sockets as well as their logins
      if (event instanceof no.deling.users.UserEvent u && !model.people.mayLogIn(u.userId())) hub.revoke(u.userId());
      // whoever leaves a private group stops reading its stream at once
      if (event instanceof GroupMemberRemoved r && model.groups.isPrivate(r.groupId())) hub.revokeGroup(r.userId(), r.groupId());
    });
    model.afterEachBatch(inbox::flush);
  }

  /**
   * The entries an event from before this server started makes for the resume window (rendered
   * only if a resuming client asks for them). Nobody is notified again: the notifications read
   * back with the snapshot hold it. Under the read lock, on any thread.
   */
  public static List<StreamEntry> earlier(DomainEvent event, long position, ReadModel model) {
    List<Notification> notified = new java.util.ArrayList<>();
    NotificationRules.collect(event, position, model, notified, false);
    return StreamEntries.of(event, position, model, notified);
  }
}
