package no.deling.groups;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Groups' stored event names. */
public final class GroupEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.of("GroupCreated.v1", GroupEvent.GroupCreated.class, "GroupMemberInvited.v1", GroupEvent.GroupMemberInvited.class,
        "GroupJoinRequested.v1", GroupEvent.GroupJoinRequested.class, "GroupMemberJoined.v1", GroupEvent.GroupMemberJoined.class,
        "GroupMemberRemoved.v1", GroupEvent.GroupMemberRemoved.class, "GroupOwnerChanged.v1", GroupEvent.GroupOwnerChanged.class,
        "GroupOwnershipPassed.v1", GroupEvent.GroupOwnershipPassed.class, "GroupArchived.v1", GroupEvent.GroupArchived.class,
        "GroupDetailsChanged.v1", GroupEvent.GroupDetailsChanged.class);
  }
}
