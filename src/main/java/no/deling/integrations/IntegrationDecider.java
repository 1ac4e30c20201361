package no.deling.integrations;

import java.time.Instant;
import java.util.List;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.groups.GroupState;
import no.deling.integrations.IntegrationEvent.IntegrationCreated;
import no.deling.integrations.IntegrationEvent.IntegrationRevoked;
import no.deling.integrations.IntegrationEvent.IntegrationSecretRotated;
import no.deling.visibility.Visibility;

/**
 * A group's owners create integrations that post into the group, give them new secrets, and revoke
 * them. At most {@link #MAX_PER_GROUP} live ones per group; revoking twice changes nothing; a
 * revoked integration gets no new secret.
 */
public final class IntegrationDecider
    implements Decider<IntegrationDecider.IntegrationCommand, IntegrationDecider.IntegrationState, IntegrationEvent> {
  public static final int MAX_PER_GROUP = 20;
  public static final int MAX_NAME = 60;

  public sealed interface IntegrationCommand {
    String actor();

    /** The group as its stream has it, read by the caller. */
    GroupState group();
  }

  /** @param live how many live integrations the group has now (read by the caller) */
  public record CreateIntegration(String integrationId, String groupId, String name, String secretSha256, String actor, GroupState group,
      int live, Instant at) implements IntegrationCommand {}

  /** @param groupId the group the request named, which must be the integration's own */
  public record RevokeIntegration(String integrationId, String groupId, String actor, GroupState group, Instant at) implements IntegrationCommand {}

  /** @param groupId the group the request named, which must be the integration's own */
  public record RotateSecret(String integrationId, String groupId, String secretSha256, String actor, GroupState group, Instant at)
      implements IntegrationCommand {}

  /** @param groupId null while the integration does not exist */
  public record IntegrationState(String groupId, String name, boolean revoked) {
    static final IntegrationState NONE = new IntegrationState(null, null, false);

    public boolean exists() {
      return groupId != null;
    }
  }

  @Override
  public IntegrationState initialState() {
    return IntegrationState.NONE;
  }

  @Override
  public IntegrationState evolve(IntegrationState state, IntegrationEvent event) {
    if (event instanceof IntegrationCreated c) return new IntegrationState(c.groupId(), c.name(), false);
    if (event instanceof IntegrationRevoked) return new IntegrationState(state.groupId(), state.name(), true);
    return state; // a new secret changes nothing the rules ask about
  }

  @Override
  public List<IntegrationEvent> decide(IntegrationCommand command, IntegrationState state) {
    if (command instanceof CreateIntegration c) {
      requireOwner(c.actor(), c.groupId(), c.group());
      if (c.group().archived()) throw new Rejection.Forbidden("group " + c.groupId() + " is archived: it is read-only");
      String name = c.name() == null ? "" : c.name().strip();
      if (name.isEmpty() || name.length() > MAX_NAME || !no.deling.core.text.Printable.isPrintable(name)) {
        throw new Rejection.Invalid("name", "integration-name", "an integration's name is 1 to " + MAX_NAME + " printable characters");
      }
      if (c.live() >= MAX_PER_GROUP) {
        throw new Rejection.Invalid("name", "max-integrations", "a group has at most " + MAX_PER_GROUP + " integrations: revoke one first");
      }
      return List.of(new IntegrationCreated(c.integrationId(), c.groupId(), name, c.actor(), c.secretSha256(), c.at()));
    }
    if (command instanceof RotateSecret r) {
      requireExisting(r.actor(), r.groupId(), r.group(), r.integrationId(), state);
      if (r.group().archived()) throw new Rejection.Forbidden("group " + r.groupId() + " is archived: it is read-only");
      if (state.revoked()) throw new Rejection.Conflict("integration " + r.integrationId() + " is revoked: connect a new one");
      return List.of(new IntegrationSecretRotated(r.integrationId(), state.groupId(), r.actor(), r.secretSha256(), r.at()));
    }
    RevokeIntegration r = (RevokeIntegration) command;
    requireExisting(r.actor(), r.groupId(), r.group(), r.integrationId(), state);
    return state.revoked() ? List.of() : List.of(new IntegrationRevoked(r.integrationId(), state.groupId(), r.actor(), r.at()));
  }

  /** An owner of the group the request named, and the integration one of that group's. */
  private static void requireExisting(String actor, String groupId, GroupState group, String integrationId, IntegrationState state) {
    requireOwner(actor, groupId, group);
    if (!state.exists() || !state.groupId().equals(groupId)) {
      throw new Rejection.NotFound("integration " + integrationId + " does not exist in this group");
    }
  }

  /** Only the group's owners manage its integrations; a private group is not named to anyone outside it. Also asked by the list route. */
  static void requireOwner(String actor, String groupId, GroupState g) {
    if (g == null || !g.exists() || !Visibility.maySeeAudience(actor, groupId, g.facts())) {
      throw new Rejection.NotFound("group " + groupId + " does not exist");
    }
    if (!g.isOwner(actor)) throw new Rejection.Forbidden("only the group's owners manage its integrations");
  }
}
