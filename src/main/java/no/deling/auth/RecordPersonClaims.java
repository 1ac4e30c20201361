package no.deling.auth;

import io.vertx.core.Future;
import java.util.Objects;
import no.deling.Wiring;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.Rejection;
import no.deling.users.Person;
import no.deling.users.PersonDecider;
import no.deling.users.PersonDecider.RecordClaims;
import no.deling.users.Roles;
import no.deling.users.UserEvent;

/**
 * When a token's claims (or its roles) say something the person's profile does not, record them (through the
 * command path, like any other change) and wait until the read side shows it. Most requests
 * change nothing and cost one map lookup.
 */
public final class RecordPersonClaims {
  private static final PersonDecider PEOPLE = new PersonDecider();
  private final Wiring w;

  public RecordPersonClaims(Wiring wiring) {
    this.w = wiring;
  }

  /**
   * Lets a person in: fails with {@link Rejection.Forbidden} for someone deactivated, records claims
   * that say something new, and otherwise costs one read of the directory (this runs on every request).
   */
  public Future<Void> admit(Actor a) {
    Person known = w.queries().people().person(a.id());
    if (known != null && !known.active()) return Future.failedFuture(new Rejection.Forbidden("user " + a.id() + " is deactivated"));
    Roles roles = Roles.of(a.roles());
    java.time.Instant issuedAt = a.issuedAt() > 0 ? java.time.Instant.ofEpochSecond(a.issuedAt()) : null;
    if (known != null && known.olderThanRecordedClaims(issuedAt)) return Future.succeededFuture();
    if (known != null && same(a.displayName(), known.displayName()) && same(a.department(), known.department())
        && same(a.location(), known.location()) && same(a.title(), known.title()) && same(a.email(), known.email()) && roles.equals(known.roles())) {
      return Future.succeededFuture();
    }
    var command = new RecordClaims(a.id(), a.displayName(), a.department(), a.location(), a.title(), a.email(), roles, issuedAt, w.clock().instant());
    return w.commands().execute(UserEvent.stream(a.id()), PEOPLE, command, CommandMeta.of(a.id())).compose(r -> w.caughtUp(r.position()));
  }

  /** An unclaimed field (null) never counts as a change. */
  private static boolean same(String claimed, String known) {
    return claimed == null || Objects.equals(claimed, known);
  }
}
