package no.deling.moderation;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.moderation.ModerationEvent.PostReported;
import no.deling.moderation.ModerationEvent.ReportsDismissed;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.privacy.RetentionEvent.RetentionApplied;
import no.deling.users.UserEvent.PersonErased;

/**
 * The open reports per post (the moderators' queue), and who reported a post in its last closed
 * round, so that the reporters can be told how it ended. Small by nature: only reported posts.
 */
public final class Reports {
  /** One open report; the reporter is kept to tell them the outcome, never shown to moderators. */
  /** @param position where the report is in the log: the order reports came in, which two in one millisecond share no other way */
  public record Report(String reporter, String reason, String note, long atMillis, long position) {}

  /**
   * A moderator's decision, for the admins' log: a post removed (with the reason its author was
   * told) or kept, and how many open reports it closed; {@code position} is its event's in the log
   * (the log's pages go by it).
   */
  public record Decision(long post, boolean removed, String by, String reason, long atMillis, int reports, long position) {}

  /** The admins' log keeps the newest decisions; the log of events keeps them all. */
  public static final int DECISIONS_KEPT = 1_000;

  private final Long2ObjectOpenHashMap<List<Report>> open = new Long2ObjectOpenHashMap<>();
  /** Whose a post is, for forgetting an erased author's removals. */
  private final no.deling.posts.PostIndex posts;

  public Reports(no.deling.posts.PostIndex posts) {
    this.posts = posts;
  }
  /** Per post, the reports of its last closed round (dismissed, or the post gone): whom to tell how it ended. */
  private final Long2ObjectOpenHashMap<List<Report>> closed = new Long2ObjectOpenHashMap<>();
  /** Newest last. */
  private final java.util.ArrayDeque<Decision> decisions = new java.util.ArrayDeque<>();

  public void on(DomainEvent event, long position) {
    if (event instanceof PostReported r) {
      open.computeIfAbsent(PostIds.parse(r.postId()), k -> new ArrayList<>(2))
          .add(new Report(r.reporter(), r.reason(), r.note(), r.reportedAt().toEpochMilli(), position));
    } else if (event instanceof ReportsDismissed d) {
      long post = PostIds.parse(d.postId());
      decided(new Decision(post, false, d.by(), null, d.at().toEpochMilli(), openOn(post).size(), position));
      close(post);
    } else if (event instanceof PostDeleted d) {
      long post = PostIds.parse(d.postId());
      if (d.removedByModerator()) decided(new Decision(post, true, d.removedBy(), d.reason(), d.deletedAt().toEpochMilli(), openOn(post).size(),
          position));
      close(post);
    } else if (event instanceof PersonErased e) {
      // as a rebuild sees it: their reports are sealed for them, so they never opened
      forget(r -> r.reporter().equals(e.userId()));
      // a removal is sealed with its author's words: gone with them (the read side's posts still know whose a post was)
      decisions.removeIf(d -> {
        no.deling.posts.PostView p = posts.get(d.post());
        return d.removed() && p != null && e.userId().equals(p.author);
      });
    } else if (event instanceof RetentionApplied expired) {
      long keptFrom = expired.keptFromMillis();
      forget(r -> r.atMillis() < keptFrom);
      decisions.removeIf(d -> d.removed() && d.atMillis() < keptFrom);
    }
  }

  private void decided(Decision d) {
    decisions.addLast(d);
    if (decisions.size() > DECISIONS_KEPT) decisions.removeFirst();
  }

  /** The newest decisions first. */
  public void newestDecisions(java.util.function.Predicate<Decision> each) {
    for (var i = decisions.descendingIterator(); i.hasNext(); ) if (!each.test(i.next())) return;
  }

  private void close(long post) {
    List<Report> round = open.remove(post);
    if (round == null) closed.remove(post);
    else closed.put(post, round);
  }

  /** Reports whose words are gone from the log (their reporter erased, their month expired): as a rebuild would never have read them. */
  private void forget(java.util.function.Predicate<Report> gone) {
    for (Long2ObjectOpenHashMap<List<Report>> rounds : List.of(open, closed)) {
      rounds.values().forEach(round -> round.removeIf(gone));
      rounds.values().removeIf(List::isEmpty);
    }
  }

  /** The open reports on a post, oldest first; empty when none. */
  public List<Report> openOn(long post) {
    List<Report> round = open.get(post);
    return round == null ? List.of() : java.util.Collections.unmodifiableList(round);
  }

  /** Every post with open reports, and its reports. */
  public void forEachOpen(BiConsumer<Long, List<Report>> each) {
    open.long2ObjectEntrySet().forEach(e -> each.accept(e.getLongKey(), java.util.Collections.unmodifiableList(e.getValue())));
  }

  /** Who reported the post in its last closed round (to tell them how it ended); empty when none. */
  public List<String> lastClosedRound(long post) {
    List<Report> round = closed.get(post);
    return round == null ? List.of() : round.stream().map(Report::reporter).toList();
  }
}
