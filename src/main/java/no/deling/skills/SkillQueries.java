package no.deling.skills;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.deling.core.projection.ReadLock;
import no.deling.posts.PostContext;
import no.deling.posts.PostIndex;
import no.deling.posts.PostJson;
import no.deling.posts.PostView;
import no.deling.users.People;
import no.deling.users.UserJson;
import no.deling.visibility.Visibility;

/** What routes may ask about people's skills. */
public final class SkillQueries {
  private final ReadLock lock;
  private final Skills skills;
  private final PostIndex posts;
  private final Visibility.Memberships memberships;
  private final People people;
  private final PostContext context;

  public SkillQueries(ReadLock lock, Skills skills, PostIndex posts, Visibility.Memberships memberships, People people, PostContext context) {
    this.lock = lock;
    this.skills = skills;
    this.posts = posts;
    this.memberships = memberships;
    this.people = people;
    this.context = context;
  }

  /**
   * The person's skills as {@code viewer} may see them, most endorsed first: an endorsement whose
   * evidence is in a group the viewer may not read is left out entirely; a hidden skill shows only
   * to the person, marked hidden.
   */
  public JsonObject of(String user, String viewer) {
    return lock.read(() -> {
      List<JsonObject> items = new ArrayList<>();
      for (Map.Entry<String, List<Skills.Endorsement>> topic : skills.of(user).entrySet()) {
        boolean hidden = skills.hidden(user, topic.getKey());
        if (hidden && !viewer.equals(user)) continue;
        JsonArray endorsers = new JsonArray();
        JsonArray evidence = new JsonArray();
        boolean mine = false;
        for (Skills.Endorsement e : topic.getValue()) {
          PostView post = e.evidence() == 0 ? null : posts.get(e.evidence());
          boolean withEvidence = post != null && !post.deleted;
          if (withEvidence && !Visibility.maySee(viewer, post, memberships)) continue;
          endorsers.add(UserJson.summary(e.by(), people));
          mine |= e.by().equals(viewer);
          if (withEvidence) {
            evidence.add(new JsonObject().put("by", UserJson.summary(e.by(), people)).put("at", Instant.ofEpochMilli(e.at()).toString())
                // the words vouched for changed after the endorsement: say so
                .put("editedSinceEndorsed", post.editedAt > e.at())
                .put("post", PostJson.of(post, viewer, context)));
          }
        }
        if (endorsers.isEmpty()) continue;
        JsonObject o = new JsonObject().put("topic", topic.getKey()).put("endorsements", endorsers.size())
            .put("withEvidence", evidence.size()).put("endorsedByMe", mine).put("endorsers", endorsers).put("evidence", evidence);
        if (viewer.equals(user)) o.put("hidden", hidden);
        items.add(o);
      }
      items.sort((a, b) -> a.getInteger("endorsements").equals(b.getInteger("endorsements"))
          ? a.getString("topic").compareTo(b.getString("topic")) : b.getInteger("endorsements") - a.getInteger("endorsements"));
      return new JsonObject().put("user", user).put("items", new JsonArray(new ArrayList<>(items)));
    });
  }
}
