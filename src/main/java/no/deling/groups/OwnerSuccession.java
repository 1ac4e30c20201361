package no.deling.groups;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import no.deling.core.command.CommandExecutor;
import no.deling.core.command.CommandMeta;
import no.deling.groups.GroupDecider.PassOwnership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every group run by someone who is still here. When the directory deactivates, deletes or
 * erases a group's last active owner, ownership passes to the active member who has been in the
 * group longest ({@link GroupDecider.PassOwnership}); otherwise a private group could never take a
 * new member again and nobody could archive it. Asked after each directory change to a person, and
 * once at start for every group, so a crash between a deactivation and its succession is made good
 * at the next start. Each group is decided on its own stream, so several servers asking at once
 * record it once.
 */
public final class OwnerSuccession {
  private static final Logger LOG = LoggerFactory.getLogger(OwnerSuccession.class);
  private static final GroupDecider GROUPS = new GroupDecider();
  /** Who the log names as the actor: the server itself, as for the pulse's scheduled refresh. */
  public static final String ACTOR = "deling";
  private final CommandExecutor commands;
  private final GroupQueries groups;
  private final Clock clock;

  public OwnerSuccession(CommandExecutor commands, GroupQueries groups, Clock clock) {
    this.commands = commands;
    this.groups = groups;
    this.clock = clock;
  }

  /** After the directory changed {@code user}: each group they own and nobody active runs gets an owner. Never fails. */
  public Future<Void> afterDirectoryChange(String user) {
    return pass(groups.withoutActiveOwner(user));
  }

  /** Every group that nobody active runs gets an owner. Never fails. */
  public Future<Void> everyGroup() {
    return pass(groups.withoutActiveOwner(null));
  }

  private Future<Void> pass(List<String> ids) {
    Future<Void> chain = Future.succeededFuture();
    for (String id : ids) {
      chain = chain.compose(v -> commands.execute(GroupEvent.stream(id), GROUPS, new PassOwnership(id, groups::activeInDirectory, clock.instant()),
              CommandMeta.of(ACTOR))
          .<Void>mapEmpty()
          .recover(e -> {
            // the directory change itself is stored; the next start asks again
            LOG.warn("passing the ownership of group {} failed; the next start tries again", id, e);
            return Future.succeededFuture();
          }));
    }
    return chain;
  }
}
