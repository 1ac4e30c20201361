package no.deling.inputs;

import io.vertx.core.Future;
import java.util.concurrent.ConcurrentHashMap;
import no.deling.core.command.CommandExecutor;
import no.deling.groups.GroupDecider;
import no.deling.groups.GroupEvent;
import no.deling.groups.GroupState;
import no.deling.posts.PostDecider;
import no.deling.posts.PostDecider.PostState;
import no.deling.posts.PostEvent;
import no.deling.visibility.GroupFacts;

/**
 * The one way a command loads what its decider needs from other streams than its own: the post a
 * reply, endorsement or share is about, and the group it is addressed to. Read from the log (not
 * the read model), so a decision never rests on a projection that is behind.
 */
public final class DeciderInputs {
  private static final PostDecider POSTS = new PostDecider();
  private static final GroupDecider GROUPS = new GroupDecider();
  private final CommandExecutor commands;

  /** A post and the facts about its group ({@code audience} null for a public post). */
  public record PostInAudience(PostState post, GroupFacts audience) {}

  public DeciderInputs(CommandExecutor commands) {
    this.commands = commands;
  }

  public Future<PostState> post(String postId) {
    return commands.load(PostEvent.stream(postId), POSTS);
  }

  /** The group's facts; {@link GroupFacts#exists()} is false for an unknown group; null for a null id. */
  public Future<GroupFacts> group(String groupId) {
    if (groupId == null) return Future.succeededFuture(null);
    return commands.load(GroupEvent.stream(groupId), GROUPS).map(s -> factsOf(groupId, s));
  }

  /**
   * A group's facts, built once per state: states are immutable, and the executor hands out the
   * same one until the group's stream changes, so a post into a group no longer builds its member
   * set anew (2 µs of the event loop per post into a group of sixty).
   */
  private GroupFacts factsOf(String groupId, GroupState state) {
    Memo memo = facts.get(groupId);
    if (memo != null && memo.state() == state) return memo.facts();
    GroupFacts built = state.exists() ? state.facts() : GroupFacts.unknown(groupId);
    if (facts.size() >= MAX_MEMOS) facts.clear();
    facts.put(groupId, new Memo(state, built));
    return built;
  }

  private record Memo(GroupState state, GroupFacts facts) {}

  private final ConcurrentHashMap<String, Memo> facts = new ConcurrentHashMap<>();
  private static final int MAX_MEMOS = 10_000;

  /** Everyone's role in the group (owners, for rules only they may apply); null for a null id. */
  public Future<GroupState> groupState(String groupId) {
    if (groupId == null) return Future.succeededFuture(null);
    return commands.load(GroupEvent.stream(groupId), GROUPS);
  }

  public Future<PostInAudience> postInAudience(String postId) {
    return post(postId).compose(p -> group(p.group()).map(g -> new PostInAudience(p, g)));
  }
}
