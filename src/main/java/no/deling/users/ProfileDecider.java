package no.deling.users;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import no.deling.core.command.Decider;
import no.deling.users.UserEvent.ProfileRecorded;

/** Records a profile only when the identity provider's claims changed. State: the last profile, or null. */
public final class ProfileDecider implements Decider<ProfileDecider.RecordProfile, ProfileRecorded, UserEvent> {

  public record RecordProfile(
      String userId, String displayName, String department, String location, String title, Instant at) {}

  @Override
  public ProfileRecorded initialState() {
    return null;
  }

  @Override
  public ProfileRecorded evolve(ProfileRecorded state, UserEvent event) {
    return event instanceof ProfileRecorded p ? p : state;
  }

  @Override
  public List<UserEvent> decide(RecordProfile c, ProfileRecorded state) {
    if (state != null
        && Objects.equals(state.displayName(), c.displayName())
        && Objects.equals(state.department(), c.department())
        && Objects.equals(state.location(), c.location())
        && Objects.equals(state.title(), c.title())) {
      return List.of();
    }
    return List.of(new ProfileRecorded(c.userId(), c.displayName(), c.department(), c.location(), c.title(), c.at()));
  }
}
