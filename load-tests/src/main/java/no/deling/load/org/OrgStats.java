package no.deling.load.org;

import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The measurable shape of a generated organisation (what the generator tests check). */
public record OrgStats(
    int people,
    long follows,
    long topicFollows,
    long posts,
    long replies,
    long questions,
    long endorsements,
    int medianFollowers,
    int p99Followers,
    int maxFollowers,
    int medianFollowing,
    double inDepartmentShare,
    double expectedInDepartmentShareIfRandom,
    Map<String, Long> tagUses,
    long[] postsByHour) {

  public static OrgStats of(Org org) {
    Map<String, String> dept = new HashMap<>();
    Map<String, Long> deptSize = new HashMap<>();
    for (Person p : org.people()) {
      dept.put(p.id(), p.department());
      deptSize.merge(p.department(), 1L, Long::sum);
    }
    Map<String, Integer> followers = new HashMap<>();
    Map<String, Integer> following = new HashMap<>();
    long follows = 0, inside = 0, topicFollows = 0, posts = 0, replies = 0, questions = 0, endorsements = 0;
    Map<String, Long> tags = new HashMap<>();
    long[] byHour = new long[24];
    for (Action a : org.actions()) {
      if (a instanceof Action.FollowUser f) {
        follows++;
        followers.merge(f.followee(), 1, Integer::sum);
        following.merge(f.actor(), 1, Integer::sum);
        if (dept.get(f.actor()).equals(dept.get(f.followee()))) inside++;
      } else if (a instanceof Action.FollowTopic) {
        topicFollows++;
      } else if (a instanceof Action.Publish p) {
        posts++;
        if (p.parentRef() != null) replies++;
        if (p.question()) questions++;
        byHour[p.at().atZone(ZoneOffset.UTC).getHour()]++;
        for (String t : no.deling.posts.PostText.hashtags(p.text())) tags.merge(t, 1L, Long::sum);
      } else if (a instanceof Action.Endorse) {
        endorsements++;
      }
    }
    int[] in = org.people().stream().mapToInt(p -> followers.getOrDefault(p.id(), 0)).sorted().toArray();
    int[] out = org.people().stream().mapToInt(p -> following.getOrDefault(p.id(), 0)).sorted().toArray();
    double n = org.people().size();
    double random = deptSize.values().stream().mapToDouble(s -> (s / n) * ((s - 1) / (n - 1))).sum();
    return new OrgStats(org.people().size(), follows, topicFollows, posts, replies, questions, endorsements,
        in[in.length / 2], in[(int) (in.length * 0.99)], in[in.length - 1], out[out.length / 2],
        follows == 0 ? 0 : (double) inside / follows, random, tags, byHour);
  }

  /** Tag uses, most used first. */
  public long[] tagPopularity() {
    return tagUses.values().stream().mapToLong(Long::longValue).boxed().sorted((a, b) -> Long.compare(b, a))
        .mapToLong(Long::longValue).toArray();
  }

  public String describe() {
    long[] pop = tagPopularity();
    return String.format(
        "%,d people; %,d follows (median %d followers, p99 %d, max %d; median following %d; %.0f%% inside the department vs %.0f%% by chance); "
            + "%,d topic follows; %,d posts (%,d replies, %,d questions); %,d endorsements; top tag used %,d times, 10th %,d",
        people, follows, medianFollowers, p99Followers, maxFollowers, medianFollowing, 100 * inDepartmentShare,
        100 * expectedInDepartmentShareIfRandom, topicFollows, posts, replies, questions, endorsements,
        pop.length > 0 ? pop[0] : 0, pop.length > 9 ? pop[9] : 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OrgStats s && s.describe().equals(describe()) && Arrays.equals(s.postsByHour, postsByHour);
  }

  @Override
  public int hashCode() {
    return describe().hashCode();
  }
}
