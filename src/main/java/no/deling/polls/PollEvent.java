package no.deling.polls;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * What happens to a poll after it is asked. A vote is in stream {@code vote-<post>-<voter>}: one
 * stream per pair, so a whole department voting at once never conflicts; it names its choice by
 * index, and changing one's mind is another {@link PollVoted}. Its author ending it early is in
 * {@code poll-<post>}.
 */
public sealed interface PollEvent extends DomainEvent {
  String postId();

  record PollVoted(String postId, String voter, int option, Instant at) implements PollEvent {}

  record PollVoteWithdrawn(String postId, String voter, Instant at) implements PollEvent {}

  /** The author ended the poll before its time (or one that had none): no votes after {@code at}. */
  record PollClosed(String postId, String by, Instant at) implements PollEvent {}

  static String stream(String postId, String voter) {
    return "vote-" + postId + "-" + voter;
  }

  static String closingStream(String postId) {
    return "poll-" + postId;
  }
}
