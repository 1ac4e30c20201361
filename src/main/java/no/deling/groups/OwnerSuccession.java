package no.deling.groups;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import no.deling.core.command.CommandExecutor;
import no.deling.core.command.CommandMeta;
import no.deling.groups.GroupDecider.PassOwnership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every group run by someone who is still here. When the directory deactivates, deletes or
 * erases a group's last active owner, ownership passes to the active member who has been in the
 * group longest ({@link GroupDecider.PassOwnership}); otherwise a private group could never take a
 * new member again and nobody could archive it. Asked after each directory change to a person,
 * after each change of a group's members, and once at start for every group, so a crash in between
 * is made good at the next start. Each group is decided on its own stream, so several servers
 * asking at once record it once.
 */
public final class OwnerSuccession {
  private static final Logger LOG = LoggerFactory.getLogger(OwnerSuccession.class);
  private static final GroupDecider GROUPS = new GroupDecider();
  /** Who the log names as the actor: the server itself, as for the pulse's scheduled refresh. */
  public static final String ACTOR = no.deling.core.command.ServerActor.ID;
  private final CommandExecutor commands;
  private final GroupQueries groups;
  private final Clock clock;
  /** Read-your-writes for the answer of the request that caused it: a succession is shown once it is done. */
  private final Function<Long, Future<Void>> caughtUp;

  public OwnerSuccession(CommandExecutor commands, GroupQueries groups, Clock clock, Function<Long, Future<Void>> caughtUp) {
    this.commands = commands;
    this.groups = groups;
    this.clock = clock;
    this.caughtUp = caughtUp;
  }

  /**
   * After the directory changed {@code user}: each group they own or belong to that nobody active
   * runs gets an owner (they may have been its last active owner, or be back as its first active
   * member). Never fails.
   */
  public Future<Void> afterDirectoryChange(String user) {
    return pass(groups.ofPersonWithoutActiveOwner(user));
  }

  /**
   * After a change of the group's own (someone joined, left or stepped down): the same for it.
   * Never fails; completes with whom the group passed to, or null.
   */
  public Future<String> afterGroupChange(String groupId) {
    return groups.hasNoActiveOwner(groupId) ? passQuietly(groupId) : Future.succeededFuture();
  }

  /** Every group that nobody active runs gets an owner. Never fails. */
  public Future<Void> everyGroup() {
    return pass(groups.withoutActiveOwner());
  }

  private Future<Void> pass(List<String> ids) {
    Future<Void> chain = Future.succeededFuture();
    for (String id : ids) chain = chain.compose(v -> passQuietly(id).mapEmpty());
    return chain;
  }

  /**
   * Decides on the group's stream, and waits until the read side shows it; completes with the new
   * owner, or null — also when it failed: the change that asked is stored, and the next start asks again.
   */
  private Future<String> passQuietly(String id) {
    return commands.execute(GroupEvent.stream(id), GROUPS, new PassOwnership(id, groups::activeInDirectory, clock.instant()), CommandMeta.of(ACTOR))
        .compose(r -> r.events().isEmpty() ? Future.<String>succeededFuture()
            : caughtUp.apply(r.position()).map(((GroupEvent.GroupOwnershipPassed) r.events().get(0)).userId()))
        .recover(e -> {
          LOG.warn("passing the ownership of group {} failed; the next start tries again", id, e);
          return Future.succeededFuture();
        });
  }
}
