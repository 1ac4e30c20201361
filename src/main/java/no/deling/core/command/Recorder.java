package no.deling.core.command;

import java.util.List;

/**
 * A decider for streams that only record facts in order (an audit trail, computed figures): no
 * earlier event changes what a command produces, so there is no state to fold.
 *
 * @param <C> commands
 * @param <E> events of the stream
 */
public interface Recorder<C, E> extends Decider<C, Boolean, E> {
  @Override
  default Boolean initialState() {
    return Boolean.TRUE;
  }

  @Override
  default Boolean evolve(Boolean state, E event) {
    return state;
  }

  /** The events recording {@code command}; may refuse it. */
  List<E> record(C command);

  @Override
  default List<E> decide(C command, Boolean state) {
    return record(command);
  }
}
