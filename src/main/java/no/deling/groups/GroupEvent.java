package no.deling.groups;

import java.time.Instant;
import java.util.List;
import no.deling.core.events.DomainEvent;

/** Facts about one interest group, stream {@code group-<id>}. */
public sealed interface GroupEvent extends DomainEvent {
  String groupId();

  /** @param access {@code open} (anyone joins) or {@code private} (invitation or approved request) */
  record GroupCreated(String groupId, String name, String description, List<String> topics, String access, String owner, Instant createdAt)
      implements GroupEvent {}

  /**
   * An owner changed what the group says of itself: its name, description and topics as they now
   * are (all three, whichever changed). Who may join, open or private, is fixed at creation: it
   * decides who has read what.
   */
  record GroupDetailsChanged(String groupId, String name, String description, List<String> topics, String by, Instant at)
      implements GroupEvent {}

  /** An owner invited {@code userId}; they become a member when they accept. */
  record GroupMemberInvited(String groupId, String userId, String by, Instant at) implements GroupEvent {}

  /** {@code userId} asked to join a private group; an owner approves. */
  record GroupJoinRequested(String groupId, String userId, Instant at) implements GroupEvent {}

  /**
   * {@code userId} is now a member.
   *
   * @param via {@code open} (joined an open group), {@code invitation} (accepted one) or {@code request} (an owner approved it)
   */
  record GroupMemberJoined(String groupId, String userId, String by, String via, Instant at) implements GroupEvent {}

  /**
   * {@code userId} is no longer a member, invitee or requester: they left or declined ({@code by}
   * is themselves), or an owner removed them or turned their request down.
   *
   * @param was {@code member}, {@code invited} or {@code requested}
   */
  record GroupMemberRemoved(String groupId, String userId, String by, String was, Instant at) implements GroupEvent {}

  /** A member became an owner ({@code owner} true) or an owner became a plain member. */
  record GroupOwnerChanged(String groupId, String userId, boolean owner, String by, Instant at) implements GroupEvent {}

  /**
   * None of the group's owners was active in the directory any more (deactivated, deprovisioned or
   * erased), so {@code userId}, the active member who had been in the group longest, became an
   * owner: a group never stays without someone to run it because its owners left the organisation.
   *
   * @param formerOwners the owners, none of them active, in the order they became owners
   */
  record GroupOwnershipPassed(String groupId, String userId, List<String> formerOwners, Instant at) implements GroupEvent {}

  /** The group is read-only from now on: no posts, no joins. */
  record GroupArchived(String groupId, String by, Instant at) implements GroupEvent {}

  static String stream(String groupId) {
    return "group-" + groupId;
  }
}
