package no.deling.experts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import no.deling.core.projection.ReadLock;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.users.People;
import no.deling.users.UserJson;
import no.deling.visibility.Visibility;

/** "Who knows X", as a viewer may see the evidence (see {@link ExpertRanking}). */
public final class ExpertQueries {
  /** Someone to ask, and why. */
  public record Candidate(String user, String reason) {}

  private final ReadLock lock;
  private final ExpertRanking experts;
  private final PostIndex posts;
  private final Visibility.Memberships memberships;
  private final People people;
  private final no.deling.topics.TopicQueries topics;

  public ExpertQueries(ReadLock lock, ExpertRanking experts, PostIndex posts, Visibility.Memberships memberships, People people,
      no.deling.topics.TopicQueries topics) {
    this.lock = lock;
    this.experts = experts;
    this.posts = posts;
    this.memberships = memberships;
    this.people = people;
    this.topics = topics;
  }

  /** The people who know most about all of {@code topics}, from evidence {@code viewer} may see: {@code {"topics","items"}}. */
  public JsonObject whoKnows(String viewer, List<String> topics, long nowMillis, int limit) {
    return lock.read(() -> {
      JsonArray items = new JsonArray();
      for (ExpertRanking.Expert e : experts.rank(viewer, topics, nowMillis, limit)) {
        items.add(new JsonObject().put("user", UserJson.summary(e.user, people))
            .put("score", Math.round(e.score * 100) / 100.0)
            .put("reason", e.reason(topics))
            .put("evidence", evidence(e)));
      }
      return new JsonObject().put("topics", new JsonArray(topics)).put("items", items);
    });
  }

  /**
   * Where each of {@code users} stands among the colleagues who know {@code topic}, from evidence
   * {@code viewer} may see: {@code {"rank","of","evidence"}} (rank 1 knows it best); those with no
   * evidence are left out. What an admin weighs an offer to look after the topic by.
   */
  public java.util.Map<String, JsonObject> standing(String viewer, String topic, java.util.Collection<String> users, long nowMillis) {
    return lock.read(() -> {
      List<ExpertRanking.Expert> ranked = experts.rank(viewer, List.of(topic), nowMillis, Integer.MAX_VALUE);
      java.util.Map<String, JsonObject> out = new java.util.HashMap<>();
      for (int i = 0; i < ranked.size(); i++) {
        ExpertRanking.Expert e = ranked.get(i);
        if (users.contains(e.user)) out.put(e.user, new JsonObject().put("rank", i + 1).put("of", ranked.size()).put("evidence", evidence(e)));
      }
      return out;
    });
  }

  private static JsonObject evidence(ExpertRanking.Expert e) {
    return new JsonObject().put("acceptedAnswers", e.acceptedAnswers).put("answers", e.answers)
        .put("endorsements", e.endorsements).put("skillEndorsements", e.skillEndorsements)
        .put("skillEndorsementsWithoutEvidence", e.skillEndorsementsWithoutEvidence);
  }

  /**
   * Whom to ask a question: the owners of its topics (up to {@code n}: answering in their topic is
   * what they took on), then the top {@code n} by evidence its asker may see, leaving out the asker
   * and whoever may not see the question; empty when the question is gone.
   */
  public List<Candidate> whoToAsk(long questionId, String asker, List<String> topics, int n, long nowMillis) {
    return lock.read(() -> {
      PostView question = posts.get(questionId);
      List<Candidate> out = new ArrayList<>(n);
      if (!Visibility.maySee(asker, question, memberships)) return out; // deleted already
      java.util.Set<String> asked = new java.util.HashSet<>();
      for (no.deling.topics.TopicQueries.Steward s : this.topics.activeOwners(topics)) {
        if (s.user().equals(asker) || !Visibility.maySee(s.user(), question, memberships)) continue;
        out.add(new Candidate(s.user(), "looks after #" + s.topic()));
        asked.add(s.user());
        if (asked.size() == n) break;
      }
      int experts = 0;
      for (ExpertRanking.Expert e : this.experts.rank(asker, topics, nowMillis, 4 * n + 1 + asked.size())) {
        if (e.user.equals(asker) || asked.contains(e.user) || !Visibility.maySee(e.user, question, memberships)) continue;
        out.add(new Candidate(e.user, e.reason(topics)));
        if (++experts == n) break;
      }
      return out;
    });
  }
}
