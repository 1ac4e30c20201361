package no.deling.groups;

import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventCatalog;

/** Groups' stored event names. */
public final class GroupEventCatalog implements EventCatalog {
  @Override
  public Map<String, Class<? extends DomainEvent>> types() {
    return Map.ofEntries(Map.entry("GroupCreated.v1", GroupEvent.GroupCreated.class),
        Map.entry("GroupMemberInvited.v1", GroupEvent.GroupMemberInvited.class),
        Map.entry("GroupJoinRequested.v1", GroupEvent.GroupJoinRequested.class), Map.entry("GroupMemberJoined.v1", GroupEvent.GroupMemberJoined.class),
        Map.entry("GroupMemberRemoved.v1", GroupEvent.GroupMemberRemoved.class), Map.entry("GroupOwnerChanged.v1", GroupEvent.GroupOwnerChanged.class),
        Map.entry("GroupOwnershipPassed.v1", GroupEvent.GroupOwnershipPassed.class), Map.entry("GroupArchived.v1", GroupEvent.GroupArchived.class),
        Map.entry("GroupDetailsChanged.v1", GroupEvent.GroupDetailsChanged.class),
        Map.entry("GroupPostPinned.v1", PinEvent.GroupPostPinned.class), Map.entry("GroupPostUnpinned.v1", PinEvent.GroupPostUnpinned.class));
  }
}
