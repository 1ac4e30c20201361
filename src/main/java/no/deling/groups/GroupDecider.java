package no.deling.groups;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.core.text.Printable;
import no.deling.groups.GroupEvent.GroupArchived;
import no.deling.groups.GroupEvent.GroupCreated;
import no.deling.groups.GroupEvent.GroupJoinRequested;
import no.deling.groups.GroupEvent.GroupMemberInvited;
import no.deling.groups.GroupEvent.GroupMemberJoined;
import no.deling.groups.GroupEvent.GroupMemberRemoved;
import no.deling.groups.GroupEvent.GroupOwnerChanged;
import no.deling.groups.GroupEvent.GroupOwnershipPassed;
import no.deling.posts.PostText;

/**
 * Rules for one group's membership. {@code PUT members/{user}} means one thing to the caller: be
 * in the group. For yourself that is joining (open group) or accepting an invitation; for an owner
 * acting on someone else it is inviting them, approving their request, or (with a role) making a
 * member an owner or an owner a member. A group always keeps an owner.
 */
public final class GroupDecider implements Decider<GroupDecider.GroupCommand, GroupState, GroupEvent> {
  public static final int MAX_NAME = 80;
  public static final int MAX_DESCRIPTION = 1_000;
  public static final int MAX_TOPICS = 10;

  public sealed interface GroupCommand {}

  public record CreateGroup(String groupId, String name, String description, List<String> topics, String access, String owner, Instant at)
      implements GroupCommand {}

  /**
   * @param role {@code owner}, {@code member} or null (no change of role asked)
   * @param userKnown whether the directory knows {@code user} (read by the caller)
   * @param active whether the directory lets a person in now: the owner kept must be one who can run the group
   */
  public record PutMember(String groupId, String actor, String user, String role, boolean userKnown, Predicate<String> active, Instant at)
      implements GroupCommand {
    public PutMember(String groupId, String actor, String user, String role, boolean userKnown, Instant at) {
      this(groupId, actor, user, role, userKnown, u -> true, at);
    }
  }

  public record RequestToJoin(String groupId, String actor, Instant at) implements GroupCommand {}

  /** @param active as for {@link PutMember} */
  public record RemoveMember(String groupId, String actor, String user, Predicate<String> active, Instant at) implements GroupCommand {
    public RemoveMember(String groupId, String actor, String user, Instant at) {
      this(groupId, actor, user, u -> true, at);
    }
  }

  public record ArchiveGroup(String groupId, String actor, Instant at) implements GroupCommand {}

  /** An owner changes the group's name, description or topics; null leaves that one as it is. */
  public record DescribeGroup(String groupId, String actor, String name, String description, List<String> topics, Instant at)
      implements GroupCommand {}

  /**
   * Asked by the server when the directory may have taken the last active owner away: if none of
   * the owners is active, the active member who has been in the group longest becomes an owner.
   * Nothing happens while an owner is active, in an archived group (read-only, nothing to run), or
   * when no member is active; asking twice is asking once.
   *
   * @param active whether the directory lets this person in now (someone it never described is)
   */
  public record PassOwnership(String groupId, Predicate<String> active, Instant at) implements GroupCommand {}

  @Override
  public GroupState initialState() {
    return GroupState.NONE;
  }

  @Override
  public GroupState evolve(GroupState s, GroupEvent event) {
    if (event instanceof GroupCreated c) {
      Map<String, GroupState.Role> people = new LinkedHashMap<>();
      people.put(c.owner(), GroupState.Role.OWNER);
      return new GroupState(true, c.groupId(), c.name(), "private".equals(c.access()), false, people,
          c.description() == null ? "" : c.description(), c.topics() == null ? List.of() : c.topics());
    }
    if (event instanceof GroupMemberInvited e) return s.with(e.userId(), GroupState.Role.INVITED);
    if (event instanceof GroupJoinRequested e) return s.with(e.userId(), GroupState.Role.REQUESTED);
    if (event instanceof GroupMemberJoined e) return s.with(e.userId(), GroupState.Role.MEMBER);
    if (event instanceof GroupMemberRemoved e) return s.with(e.userId(), null);
    if (event instanceof GroupOwnerChanged e) return s.with(e.userId(), e.owner() ? GroupState.Role.OWNER : GroupState.Role.MEMBER);
    if (event instanceof GroupOwnershipPassed e) return s.with(e.userId(), GroupState.Role.OWNER);
    if (event instanceof GroupArchived) return s.archive();
    if (event instanceof GroupEvent.GroupDetailsChanged d) return s.describe(d.name(), d.description(), d.topics());
    return s;
  }

  @Override
  public List<GroupEvent> decide(GroupCommand command, GroupState state) {
    if (command instanceof CreateGroup c) return create(c, state);
    if (command instanceof PutMember c) return put(c, requireExisting(state, c.groupId()));
    if (command instanceof RequestToJoin c) return request(c, requireExisting(state, c.groupId()));
    if (command instanceof RemoveMember c) return remove(c, requireExisting(state, c.groupId()));
    if (command instanceof ArchiveGroup c) return archive(c, requireExisting(state, c.groupId()));
    if (command instanceof DescribeGroup c) return describe(c, requireExisting(state, c.groupId()));
    if (command instanceof PassOwnership c) return passOwnership(c, state);
    throw new IllegalArgumentException("unknown command " + command);
  }

  private static GroupState requireExisting(GroupState s, String groupId) {
    if (!s.exists()) throw new Rejection.NotFound("group " + groupId + " does not exist");
    return s;
  }

  private static List<GroupEvent> create(CreateGroup c, GroupState state) {
    if (state.exists()) throw new Rejection.Duplicate("group " + c.groupId() + " already exists");
    String name = name(c.name());
    String description = description(c.description());
    List<String> topics = topics(c.topics());
    String access = c.access() == null ? "open" : c.access();
    if (!access.equals("open") && !access.equals("private")) {
      throw new Rejection.Invalid("access", "enum", "access is 'open' or 'private'");
    }
    return List.of(new GroupCreated(c.groupId(), name, description, topics, access, c.owner(), c.at()));
  }

  /** A group's name: 1 to {@value #MAX_NAME} printable characters, without surrounding space. */
  private static String name(String requested) {
    String name = requested == null ? "" : requested.strip();
    if (name.isEmpty() || name.length() > MAX_NAME || !Printable.isPrintable(name)) {
      throw new Rejection.Invalid("name", "group-name", "a group's name is 1 to " + MAX_NAME + " printable characters");
    }
    return name;
  }

  private static String description(String requested) {
    String description = requested == null ? "" : requested.strip();
    if (description.length() > MAX_DESCRIPTION) {
      throw new Rejection.Invalid("description", "max-length", "a group's description is at most " + MAX_DESCRIPTION + " characters");
    }
    return description;
  }

  /** Topics as hashtags are kept: lower case, each once, in the order given. */
  private static List<String> topics(List<String> requested) {
    List<String> topics = new ArrayList<>();
    for (String t : requested == null ? List.<String>of() : requested) {
      String tag = PostText.normaliseTag(t);
      if (tag == null) throw new Rejection.Invalid("topics", "hashtag", "'" + t + "' is not a topic: letters, digits and '_', at most 64");
      if (!topics.contains(tag)) topics.add(tag);
    }
    if (topics.size() > MAX_TOPICS) throw new Rejection.Invalid("topics", "max-items", "a group has at most " + MAX_TOPICS + " topics");
    return topics;
  }

  private static List<GroupEvent> describe(DescribeGroup c, GroupState g) {
    if (!g.isOwner(c.actor())) throw new Rejection.Forbidden("only an owner may change what group " + c.groupId() + " says of itself");
    if (g.archived()) throw new Rejection.Forbidden("group " + c.groupId() + " is archived: it is read-only");
    if (c.name() == null && c.description() == null && c.topics() == null) {
      throw new Rejection.Invalid("name", "required", "give a name, a description or topics to change");
    }
    String name = c.name() == null ? g.name() : name(c.name());
    String description = c.description() == null ? g.description() : description(c.description());
    List<String> topics = c.topics() == null ? g.topics() : topics(c.topics());
    if (name.equals(g.name()) && description.equals(g.description()) && topics.equals(g.topics())) return List.of();
    return List.of(new GroupEvent.GroupDetailsChanged(c.groupId(), name, description, topics, c.actor(), c.at()));
  }

  private static List<GroupEvent> put(PutMember c, GroupState g) {
    if (c.role() != null && !c.role().equals("owner") && !c.role().equals("member")) {
      throw new Rejection.Invalid("role", "enum", "role is 'owner' or 'member'");
    }
    GroupState.Role now = g.roleOf(c.user());
    if (c.actor().equals(c.user())) {
      if (now == GroupState.Role.OWNER || now == GroupState.Role.MEMBER) {
        if ("owner".equals(c.role()) && now != GroupState.Role.OWNER) throw new Rejection.Forbidden("only an owner may make someone an owner");
        if ("member".equals(c.role()) && now == GroupState.Role.OWNER) return demote(c, g);
        return List.of();
      }
      requireOpenForChanges(g);
      if (now == GroupState.Role.INVITED) return List.of(new GroupMemberJoined(c.groupId(), c.user(), c.actor(), "invitation", c.at()));
      if (!g.isPrivate()) return List.of(new GroupMemberJoined(c.groupId(), c.user(), c.actor(), "open", c.at()));
      throw new Rejection.Forbidden("group " + c.groupId() + " is private: ask to join (POST /api/groups/" + c.groupId()
          + "/requests) or be invited by an owner");
    }
    if (!g.isOwner(c.actor())) throw new Rejection.Forbidden("only an owner may invite, approve or change the roles of others");
    if (now == GroupState.Role.OWNER) return "member".equals(c.role()) ? demote(c, g) : List.of();
    if (now == GroupState.Role.MEMBER) {
      return "owner".equals(c.role()) ? List.of(new GroupOwnerChanged(c.groupId(), c.user(), true, c.actor(), c.at())) : List.of();
    }
    requireOpenForChanges(g);
    if (now == GroupState.Role.REQUESTED) {
      List<GroupEvent> out = new ArrayList<>();
      out.add(new GroupMemberJoined(c.groupId(), c.user(), c.actor(), "request", c.at()));
      if ("owner".equals(c.role())) out.add(new GroupOwnerChanged(c.groupId(), c.user(), true, c.actor(), c.at()));
      return out;
    }
    if (now == GroupState.Role.INVITED) return List.of();
    if (!c.userKnown()) throw new Rejection.NotFound("user " + c.user() + " does not exist");
    return List.of(new GroupMemberInvited(c.groupId(), c.user(), c.actor(), c.at()));
  }

  private static List<GroupEvent> demote(PutMember c, GroupState g) {
    if (!anotherActiveOwner(g, c.user(), c.active())) {
      throw new Rejection.Invalid("role", "last-owner", "a group always keeps an owner who is still here: make someone else an owner first");
    }
    return List.of(new GroupOwnerChanged(c.groupId(), c.user(), false, c.actor(), c.at()));
  }

  /**
   * Is an owner other than {@code user} one the directory lets in? Counting owners who left the
   * organisation would let the last one still here step down and leave the group run by nobody.
   */
  private static boolean anotherActiveOwner(GroupState g, String user, Predicate<String> active) {
    for (var e : g.people().entrySet()) {
      if (e.getValue() == GroupState.Role.OWNER && !e.getKey().equals(user) && active.test(e.getKey())) return true;
    }
    return false;
  }

  private static List<GroupEvent> request(RequestToJoin c, GroupState g) {
    GroupState.Role now = g.roleOf(c.actor());
    if (now == GroupState.Role.OWNER || now == GroupState.Role.MEMBER || now == GroupState.Role.REQUESTED) return List.of();
    requireOpenForChanges(g);
    if (now == GroupState.Role.INVITED) return List.of(new GroupMemberJoined(c.groupId(), c.actor(), c.actor(), "invitation", c.at()));
    if (!g.isPrivate()) {
      throw new Rejection.Invalid("group", "open-group", "group " + c.groupId() + " is open: join it with PUT /api/groups/" + c.groupId()
          + "/members/" + c.actor());
    }
    return List.of(new GroupJoinRequested(c.groupId(), c.actor(), c.at()));
  }

  private static List<GroupEvent> remove(RemoveMember c, GroupState g) {
    GroupState.Role now = g.roleOf(c.user());
    boolean self = c.actor().equals(c.user());
    if (!self && !g.isOwner(c.actor())) throw new Rejection.Forbidden("only an owner may remove someone else from a group");
    if (now == null) return List.of();
    if (now == GroupState.Role.OWNER && !anotherActiveOwner(g, c.user(), c.active())) {
      throw new Rejection.Invalid("user", "last-owner",
          "a group always keeps an owner who is still here: make someone else an owner first, or archive the group");
    }
    String was = switch (now) {
      case INVITED -> "invited";
      case REQUESTED -> "requested";
      default -> "member";
    };
    return List.of(new GroupMemberRemoved(c.groupId(), c.user(), c.actor(), was, c.at()));
  }

  private static List<GroupEvent> archive(ArchiveGroup c, GroupState g) {
    if (!g.isOwner(c.actor())) throw new Rejection.Forbidden("only an owner may archive group " + c.groupId());
    return g.archived() ? List.of() : List.of(new GroupArchived(c.groupId(), c.actor(), c.at()));
  }

  private static List<GroupEvent> passOwnership(PassOwnership c, GroupState g) {
    if (!g.exists() || g.archived()) return List.of();
    List<String> owners = new ArrayList<>();
    for (var e : g.people().entrySet()) {
      if (e.getValue() != GroupState.Role.OWNER) continue;
      if (c.active().test(e.getKey())) return List.of();
      owners.add(e.getKey());
    }
    for (var e : g.people().entrySet()) {
      if (e.getValue() == GroupState.Role.MEMBER && c.active().test(e.getKey())) {
        return List.of(new GroupOwnershipPassed(c.groupId(), e.getKey(), List.copyOf(owners), c.at()));
      }
    }
    return List.of();
  }

  private static void requireOpenForChanges(GroupState g) {
    if (g.archived()) throw new Rejection.Forbidden("group " + g.groupId() + " is archived: it is read-only");
  }
}
