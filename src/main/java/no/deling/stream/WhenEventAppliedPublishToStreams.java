package no.deling.stream;

import no.deling.readmodel.ReadModel;

/**
 * Turns every applied event within the hub's resume window into stream entries and hands them to
 * the hub. Runs on the projection thread, under the read model's write lock, so a live entry shows
 * the post as of its own event. Events older than the window (most of a rebuild) cost nothing, and
 * the window's events that were in the log before start-up are rendered only if a resuming client
 * asks for them (see {@link StreamEntry}).
 */
public final class WhenEventAppliedPublishToStreams {
  private WhenEventAppliedPublishToStreams() {}

  /** @param headAtStart the log's head when this server started */
  public static void wire(ReadModel model, StreamHub hub, long headAtStart) {
    model.onApplied((event, position) -> {
      if (position > hub.retainedAfter()) hub.publish(StreamEntries.of(event, position, model, position <= headAtStart));
      // a person the directory deactivates loses their open sockets as well as their logins
      if (event instanceof no.deling.users.UserEvent u && !model.people.mayLogIn(u.userId())) hub.revoke(u.userId());
    });
  }
}
