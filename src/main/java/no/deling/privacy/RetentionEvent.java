package no.deling.privacy;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import no.deling.core.events.DomainEvent;

/** Facts about retention, stream {@value #STREAM}. */
public sealed interface RetentionEvent extends DomainEvent {
  String STREAM = "retention";

  /**
   * Everything sealed with a month key before {@code before} ({@code yyyy-MM}) was made unreadable
   * (its keys destroyed): posts and edits, bookmarks, announcements and idea notes of those months.
   * The read side forgets them as a rebuild would never have seen them.
   */
  record RetentionApplied(String before, Instant at) implements RetentionEvent {
    /** The first instant that is kept. */
    public long keptFromMillis() {
      return YearMonth.parse(before).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
  }
}
