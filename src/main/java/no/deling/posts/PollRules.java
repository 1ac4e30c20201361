package no.deling.posts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import no.deling.core.command.Rejection;

/**
 * What makes a poll: 2 to 10 choices of 1 to 100 characters, no two alike, closing (if it closes at
 * all) between five minutes and a year after it is asked. Pure: the time arrives with the call.
 */
public final class PollRules {
  public static final int MIN_OPTIONS = 2;
  public static final int MAX_OPTIONS = 10;
  public static final int MAX_OPTION_LENGTH = 100;
  static final Duration SHORTEST = Duration.ofMinutes(5);
  static final Duration LONGEST = Duration.ofDays(366);

  private PollRules() {}

  /** The poll as stored: each choice trimmed. Throws {@link Rejection.Invalid} naming the field and the rule. */
  public static PostEvent.Poll validate(PostEvent.Poll requested, Instant at) {
    List<String> options = requested.options();
    if (options == null || options.size() < MIN_OPTIONS || options.size() > MAX_OPTIONS) {
      throw new Rejection.Invalid("poll.options", "size", "a poll has " + MIN_OPTIONS + " to " + MAX_OPTIONS + " options");
    }
    List<String> out = new ArrayList<>(options.size());
    Set<String> seen = new HashSet<>();
    for (String option : options) {
      String o = option == null ? "" : option.strip();
      int length = o.codePointCount(0, o.length());
      if (length == 0 || length > MAX_OPTION_LENGTH) {
        throw new Rejection.Invalid("poll.options", "length", "each option is 1 to " + MAX_OPTION_LENGTH + " characters");
      }
      if (o.codePoints().anyMatch(Character::isISOControl)) {
        throw new Rejection.Invalid("poll.options", "no-control-characters", "an option is one line of text");
      }
      if (!seen.add(o.toLowerCase(Locale.ROOT))) throw new Rejection.Invalid("poll.options", "unique", "two options read the same: \"" + o + "\"");
      out.add(o);
    }
    Instant closes = requested.closesAt();
    if (closes != null && (closes.isBefore(at.plus(SHORTEST)) || closes.isAfter(at.plus(LONGEST)))) {
      throw new Rejection.Invalid("poll.closesAt", "range", "a poll closes between 5 minutes and a year from now");
    }
    return new PostEvent.Poll(List.copyOf(out), closes);
  }

  /** Is voting over at {@code at}? */
  public static boolean closed(PostEvent.Poll poll, Instant at) {
    return poll.closesAt() != null && !at.isBefore(poll.closesAt());
  }
}
