package no.deling.users;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.users.UserEvent.PersonDeactivated;
import no.deling.users.UserEvent.PersonDeprovisioned;
import no.deling.users.UserEvent.PersonErased;
import no.deling.users.UserEvent.PersonProvisioned;
import no.deling.users.UserEvent.PersonReactivated;
import no.deling.users.UserEvent.PersonUpdated;
import no.deling.users.UserEvent.ProfileRecorded;

/**
 * Rules for one person's stream: claims from tokens, and the directory's provisioning. The
 * directory's changes arrive as a pure function of the current entry, so a PATCH is applied to
 * the state this decision sees, and a concurrent change makes the command path retry it on fresh
 * state instead of losing one of the two.
 */
public final class PersonDecider implements Decider<PersonDecider.PersonCommand, Person, UserEvent> {

  public sealed interface PersonCommand {
    String userId();
  }

  /** What a token (or a dev login) claims; null fields were not claimed. */
  /** @param email the token's email address, or null when it claims none */
  public record RecordClaims(String userId, String displayName, String department, String location, String title, String email, Roles roles,
      Instant tokenIssuedAt, Instant at) implements PersonCommand {
    public RecordClaims(String userId, String displayName, String department, String location, String title, Instant at) {
      this(userId, displayName, department, location, title, null, Roles.NONE, null, at);
    }

    public RecordClaims(String userId, String displayName, String department, String location, String title, String email, Instant at) {
      this(userId, displayName, department, location, title, email, Roles.NONE, null, at);
    }

    public RecordClaims(String userId, String displayName, String department, String location, String title, String email, Roles roles,
        Instant at) {
      this(userId, displayName, department, location, title, email, roles, null, at);
    }
  }

  /** SCIM POST: create the person in the directory. */
  public record Provision(String userId, DirectoryEntry entry, boolean active, Instant at) implements PersonCommand {}

  /** The directory's entry and whether the person is active. */
  public record Entry(DirectoryEntry entry, boolean active) {}

  /** SCIM PUT or PATCH: the new entry as a function of the current one; may throw {@link Rejection.Invalid}. */
  public record ChangeEntry(String userId, UnaryOperator<Entry> change, Instant at) implements PersonCommand {}

  /** SCIM DELETE. */
  public record Deprovision(String userId, Instant at) implements PersonCommand {}

  /** An admin erases the person (their keys are destroyed around this command; see {@code ErasureRoutes}). */
  public record Erase(String userId, String by, boolean byAdmin, Instant at) implements PersonCommand {}

  @Override
  public Person initialState() {
    return Person.unknown(null);
  }

  @Override
  public Person evolve(Person state, UserEvent event) {
    return state.evolve(event);
  }

  @Override
  public List<UserEvent> decide(PersonCommand command, Person state) {
    if (command instanceof RecordClaims c) return recordClaims(c, state);
    if (command instanceof Provision c) return provision(c, state);
    if (command instanceof ChangeEntry c) return change(c, state);
    if (command instanceof Erase c) return erase(c, state);
    Deprovision c = (Deprovision) command;
    if (!state.provisioned()) throw new Rejection.NotFound("user " + c.userId() + " is not in the directory");
    return List.of(new PersonDeprovisioned(c.userId(), c.at()));
  }

  private static List<UserEvent> recordClaims(RecordClaims c, Person state) {
    if (state.known() && !state.active()) throw new Rejection.Forbidden("user " + c.userId() + " is deactivated");
    if (state.olderThanRecordedClaims(c.tokenIssuedAt())) return List.of();
    boolean changed = !state.known()
        || differs(c.displayName(), state.displayName())
        || differs(c.department(), state.department())
        || differs(c.location(), state.location())
        || differs(c.title(), state.title())
        || differs(c.email(), state.email())
        || !c.roles().equals(state.roles()); // a token always says its roles: none is a change for a former admin
    if (!changed) return List.of();
    String name = c.displayName() != null ? c.displayName() : state.displayName() != null ? state.displayName() : c.userId();
    return List.of(new ProfileRecorded(c.userId(), name, c.department(), c.location(), c.title(), c.at(), c.email(), c.roles().names(),
        c.tokenIssuedAt()));
  }

  private static List<UserEvent> erase(Erase c, Person state) {
    if (!c.byAdmin()) throw new Rejection.Forbidden("only an admin can erase a person");
    if (!state.known()) throw new Rejection.NotFound("user " + c.userId() + " does not exist");
    if (state.erased()) return List.of(); // erasing twice changes nothing
    return List.of(new PersonErased(c.userId(), c.by(), c.at()));
  }

  /** A claim changes the profile only when it is made and says something else. */
  private static boolean differs(String claimed, String known) {
    return claimed != null && !claimed.equals(known);
  }

  private static List<UserEvent> provision(Provision c, Person state) {
    if (state.provisioned()) throw new Rejection.Duplicate("user " + c.userId() + " is already in the directory");
    requireValid(c.entry());
    return List.of(new PersonProvisioned(c.userId(), c.entry(), c.active(), c.at()));
  }

  private static List<UserEvent> change(ChangeEntry c, Person state) {
    if (!state.provisioned()) throw new Rejection.NotFound("user " + c.userId() + " is not in the directory");
    Entry after = c.change().apply(new Entry(state.directory(), state.active()));
    requireValid(after.entry());
    List<UserEvent> events = new ArrayList<>(2);
    if (!Objects.equals(after.entry(), state.directory())) events.add(new PersonUpdated(c.userId(), after.entry(), c.at()));
    if (after.active() != state.active()) {
      events.add(after.active() ? new PersonReactivated(c.userId(), c.at()) : new PersonDeactivated(c.userId(), c.at()));
    }
    return events;
  }

  private static void requireValid(DirectoryEntry e) {
    if (e.displayName() == null || e.displayName().isBlank()) {
      throw new Rejection.Invalid("displayName", "required", "a person in the directory needs a displayName");
    }
  }
}
