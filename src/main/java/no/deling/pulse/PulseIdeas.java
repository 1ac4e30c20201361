package no.deling.pulse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.deling.ideas.Ideas;
import no.deling.posts.PostView;
import no.deling.readmodel.ReadModel;

/**
 * Rising ideas and improvement proposals for leaders: public ideas endorsed by at least k distinct
 * people, ranked by endorsements halving every {@value Ideas#RISING_HALF_LIFE_HOURS} hours, with
 * their status; no author is named (the post itself is one click away, as for everyone). And how
 * many ideas stand in each status organisation-wide, private groups' included, each count
 * covering at least k authors.
 */
public final class PulseIdeas {
  private PulseIdeas() {}

  public static final List<String> STATUSES = List.of("new", "under-review", "accepted", "done", "declined");

  public record Rising(long id, String text, String status, int endorsers, double rising, long publishedAt) {}

  /** @param byStatus counts per status, null where withheld */
  public record Result(List<Rising> rising, Map<String, Integer> byStatus) {}

  /** Under the read lock. */
  public static Result of(ReadModel m, long nowMillis, int limit, int k) {
    List<Rising> rising = new ArrayList<>();
    Map<String, Set<String>> authorsByStatus = new LinkedHashMap<>();
    Map<String, Integer> countByStatus = new LinkedHashMap<>();
    for (String s : STATUSES) {
      authorsByStatus.put(s, new HashSet<>());
      countByStatus.put(s, 0);
    }
    m.ideas.newestFirst(id -> {
      PostView post = m.posts.get(id);
      if (post == null || post.deleted) return;
      String status = m.ideas.status(id);
      authorsByStatus.computeIfAbsent(status, s -> new HashSet<>()).add(post.author);
      countByStatus.merge(status, 1, Integer::sum);
      if (post.group != null && m.groups.isPrivate(post.group)) return;
      int endorsers = m.endorsements.count(id);
      if (!Suppression.mayShow(endorsers, k)) return;
      rising.add(new Rising(id, post.text(), status, endorsers, Ideas.rising(m.endorsements.times(id), nowMillis), post.publishedAt));
    });
    rising.sort((a, b) -> Double.compare(b.rising(), a.rising()));
    boolean[] withheld = Suppression.cells(new ArrayList<>(authorsByStatus.values()), k, true);
    Map<String, Integer> byStatus = new LinkedHashMap<>();
    int i = 0;
    for (String s : authorsByStatus.keySet()) byStatus.put(s, withheld[i++] ? null : countByStatus.get(s));
    return new Result(rising.size() > limit ? new ArrayList<>(rising.subList(0, limit)) : rising, byStatus);
  }
}
