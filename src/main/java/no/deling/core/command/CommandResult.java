package no.deling.core.command;

import java.util.List;

/**
 * What a command did.
 *
 * @param events the new events; empty when the command was an idempotent repeat
 * @param position global log position of the stream's last event after the command (0 if none);
 *     read models that reached it reflect the command
 */
public record CommandResult<S, E>(List<E> events, S state, long position) {
  public boolean changed() {
    return !events.isEmpty();
  }
}
