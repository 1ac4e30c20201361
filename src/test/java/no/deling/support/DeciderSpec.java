package no.deling.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;

/** given(events).when(command).then(events): the shape of every decider test. */
public final class DeciderSpec<C, S, E> {
  private final Decider<C, S, E> decider;
  private List<E> history = List.of();

  private DeciderSpec(Decider<C, S, E> decider) {
    this.decider = decider;
  }

  public static <C, S, E> DeciderSpec<C, S, E> of(Decider<C, S, E> decider) {
    return new DeciderSpec<>(decider);
  }

  @SafeVarargs
  public final DeciderSpec<C, S, E> given(E... events) {
    history = List.of(events);
    return this;
  }

  public When when(C command) {
    return new When(command);
  }

  public final class When {
    private final C command;

    When(C command) {
      this.command = command;
    }

    @SafeVarargs
    public final void then(E... expected) {
      assertThat(decider.decide(command, decider.fold(history))).containsExactly(expected);
    }

    public void thenNothing() {
      assertThat(decider.decide(command, decider.fold(history))).isEmpty();
    }

    public void thenRejected(Class<? extends Rejection> kind) {
      assertThatThrownBy(() -> decider.decide(command, decider.fold(history))).isInstanceOf(kind);
    }

    public void thenInvalid(String field, String rule) {
      assertThatThrownBy(() -> decider.decide(command, decider.fold(history)))
          .isInstanceOfSatisfying(Rejection.Invalid.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
          });
    }
  }
}
