package no.deling.polls;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * One person's vote in one poll, stream {@code vote-<post>-<voter>}: one stream per pair, so a
 * whole department voting at once never conflicts. A vote names its choice by index; changing
 * one's mind is another {@link PollVoted}.
 */
public sealed interface PollEvent extends DomainEvent {
  String postId();

  String voter();

  record PollVoted(String postId, String voter, int option, Instant at) implements PollEvent {}

  record PollVoteWithdrawn(String postId, String voter, Instant at) implements PollEvent {}

  static String stream(String postId, String voter) {
    return "vote-" + postId + "-" + voter;
  }
}
