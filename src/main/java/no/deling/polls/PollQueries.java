package no.deling.polls;

import io.vertx.core.json.JsonObject;
import no.deling.core.projection.ReadLock;
import no.deling.groups.Groups;
import no.deling.posts.PostContext;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.visibility.Visibility;

/** A poll's tallies as a viewer may see them. */
public final class PollQueries {
  private final ReadLock lock;
  private final PostIndex posts;
  private final Groups groups;
  private final PostContext context;

  public PollQueries(ReadLock lock, PostIndex posts, Groups groups, PostContext context) {
    this.lock = lock;
    this.posts = posts;
    this.groups = groups;
    this.context = context;
  }

  /** The poll with {@code viewer}'s own vote, or null when there is none they may see. */
  public JsonObject poll(String viewer, long postId) {
    return lock.read(() -> {
      PostView p = posts.get(postId);
      if (!Visibility.maySee(viewer, p, groups)) return null;
      byte[] json = context.pollJson(postId, viewer);
      return json == null ? null : new JsonObject(io.vertx.core.buffer.Buffer.buffer(json));
    });
  }
}
