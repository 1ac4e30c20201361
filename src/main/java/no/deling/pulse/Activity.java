package no.deling.pulse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.deling.core.ids.PostIds;
import no.deling.readmodel.ReadModel;

/**
 * Activity per hour (UTC, whole hours only: a range chooses which hours, never a new slice, so two
 * answers cannot be subtracted into a smaller one): posts, questions, ideas, replies, answers,
 * endorsements and shares, and how many people were active. An hour with fewer than k active
 * people is withheld whole. Organisation-wide, so private groups' activity counts too (as counts).
 */
public final class Activity {
  private Activity() {}

  static final long HOUR = 3_600_000L;

  /** One hour; {@code counts} null when withheld. */
  public record Hour(long startMillis, Counts counts) {}

  public record Counts(int posts, int questions, int ideas, int replies, int answers, int endorsements, int shares, int activePeople) {}

  private static final class Tally {
    int posts, questions, ideas, replies, answers, endorsements, shares;
    final Set<String> people = new HashSet<>();
  }

  /** The whole hours from {@code fromMillis} (rounded down) up to {@code toMillis}. Under the read lock. */
  public static List<Hour> hours(ReadModel m, long fromMillis, long toMillis, int k) {
    long first = Math.floorDiv(fromMillis, HOUR) * HOUR;
    int n = (int) Math.max(0, Math.min(24 * 31, (toMillis - first + HOUR - 1) / HOUR));
    Tally[] t = new Tally[n];
    for (int i = 0; i < n; i++) t[i] = new Tally();
    m.posts.forEach(v -> {
      Tally x = slot(t, first, v.publishedAt);
      if (x == null || v.deleted) return;
      x.people.add(v.author);
      if (v.inReplyTo == 0) {
        if (v.isQuestion()) x.questions++;
        else if (v.isIdea()) x.ideas++;
        else x.posts++;
        return;
      }
      var q = m.questions.get(v.inReplyTo);
      if (q != null && !q.asker.equals(v.author)) x.answers++;
      else x.replies++;
    });
    m.endorsements.forEach((postId, who, at) -> {
      for (int i = 0; i < who.length; i++) {
        Tally x = slot(t, first, at[i]);
        if (x == null) continue;
        x.endorsements++;
        x.people.add(who[i]);
      }
    });
    m.shares.forEach(s -> {
      Tally x = slot(t, first, PostIds.millis(s.id()));
      if (x == null) return;
      x.shares++;
      x.people.add(s.sharer());
    });
    List<Hour> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Tally x = t[i];
      Counts c = Suppression.mayShow(x.people.size(), k)
          ? new Counts(x.posts, x.questions, x.ideas, x.replies, x.answers, x.endorsements, x.shares, x.people.size())
          : null;
      out.add(new Hour(first + i * HOUR, c));
    }
    return out;
  }

  private static Tally slot(Tally[] t, long first, long at) {
    long i = Math.floorDiv(at - first, HOUR);
    return i < 0 || i >= t.length ? null : t[(int) i];
  }
}
