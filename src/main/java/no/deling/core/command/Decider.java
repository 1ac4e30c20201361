package no.deling.core.command;

import java.util.List;

/**
 * A pure decision function over one stream: fold its events with {@link #evolve} from {@link
 * #initialState}, then {@link #decide} what a command produces. Implementations do no IO, read no
 * clock and mutate nothing; time, ids and the acting user arrive on the command.
 *
 * @param <C> commands
 * @param <S> state folded from the stream
 * @param <E> events of the stream
 */
public interface Decider<C, S, E> {
  S initialState();

  S evolve(S state, E event);

  /**
   * @return the new events; an empty list when the command changes nothing (an idempotent repeat)
   * @throws Rejection when the command breaks a rule
   */
  List<E> decide(C command, S state);

  default S fold(List<E> events) {
    S s = initialState();
    for (E e : events) s = evolve(s, e);
    return s;
  }
}
