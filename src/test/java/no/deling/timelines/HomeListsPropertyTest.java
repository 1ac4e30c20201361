package no.deling.timelines;

import static no.deling.support.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventTypes;
import no.deling.core.eventstore.LogEvent;
import no.deling.core.ids.PostIds;
import no.deling.follows.FollowEvent.TopicFollowed;
import no.deling.follows.FollowEvent.TopicUnfollowed;
import no.deling.follows.FollowEvent.UserFollowed;
import no.deling.follows.FollowEvent.UserUnfollowed;
import no.deling.groups.GroupEvent.GroupCreated;
import no.deling.groups.GroupEvent.GroupMemberJoined;
import no.deling.groups.GroupEvent.GroupMemberRemoved;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.readmodel.ReadModel;
import no.deling.shares.ShareEvent.PostShared;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Home lists are kept by fan-out on write once someone has read their home, and merged at read
 * for authors and topics past the fan-out limit. However follows come and go across that limit,
 * and people join and leave groups and keep them off their homes,
 * a home read from such a long-lived list is the home a fresh read model (which builds every list
 * at its first read) shows for the same log.
 */
class HomeListsPropertyTest {
  private static final List<String> PEOPLE = List.of("p0", "p1", "p2");
  private static final List<String> TAGS = List.of("t0", "t1");
  /** An open group and a private one, both p0's. */
  private static final List<String> GROUPS = List.of("0384036914845459001", "0384036914845459000");
  private static final long FIRST = PostIds.parse("0384036914845450240");

  record Step(String what, String who, String whom, int n) {}

  @Property(tries = 1000)
  void aHomeReadFromItsKeptList_isTheHomeAFreshModelBuilds(@ForAll("histories") List<Step> steps, @ForAll @IntRange(min = 0, max = 2) int fanOutLimit) {
    ReadModel kept = new ReadModel(800, fanOutLimit, false);
    List<LogEvent> log = new ArrayList<>();
    List<String> posts = new ArrayList<>();
    Map<String, Set<String>> members = new HashMap<>();
    for (int g = 0; g < GROUPS.size(); g++) {
      DomainEvent created = new GroupCreated(GROUPS.get(g), "g" + g, "", List.of(), g == 0 ? "open" : "private", "p0", T0);
      log.add(logged(created, log.size() + 1));
      members.put(GROUPS.get(g), new HashSet<>(Set.of("p0")));
    }
    kept.apply(log);
    long next = FIRST;
    for (Step step : steps) {
      DomainEvent e = switch (step.what()) {
        case "post" -> {
          String id = PostIds.format(next++);
          posts.add(id);
          String tag = TAGS.get(step.n() % 3 == 2 ? 0 : step.n() % 2);
          String group = GROUPS.get(step.n() % 2);
          boolean inGroup = step.n() % 5 < 2 && members.get(group).contains(step.who());
          yield new PostPublished(id, step.who(), "#" + tag + " " + id, null, id, step.n() % 3 == 2 ? List.of() : List.of(tag), List.of(), List.of(), T0,
              inGroup ? group : null);
        }
        case "join" -> members.get(GROUPS.get(step.n() % 2)).add(step.who())
            ? new GroupMemberJoined(GROUPS.get(step.n() % 2), step.who(), "p0", step.n() % 2 == 0 ? "open" : "invitation", T0) : null;
        case "leave" -> members.get(GROUPS.get(step.n() % 2)).remove(step.who())
            ? new GroupMemberRemoved(GROUPS.get(step.n() % 2), step.who(), step.who(), "member", T0) : null;
        case "mute" -> new no.deling.follows.FollowEvent.GroupMuted(step.who(), GROUPS.get(step.n() % 2), T0);
        case "unmute" -> new no.deling.follows.FollowEvent.GroupUnmuted(step.who(), GROUPS.get(step.n() % 2), T0);
        case "share" -> posts.isEmpty() ? null : new PostShared(posts.get(step.n() % posts.size()), "?", step.who(), PostIds.format(next++), T0);
        case "delete" -> posts.isEmpty() ? null : new PostDeleted(posts.get(step.n() % posts.size()), "?", T0, null, null);
        case "read" -> {
          // from now on this person's home list is kept by fan-out
          assertThat(home(kept, step.who())).as("%s's home after %s", step.who(), log.size()).isEqualTo(home(fresh(log, fanOutLimit), step.who()));
          yield null;
        }
        case "follow" -> step.who().equals(step.whom()) ? null : new UserFollowed(step.who(), step.whom(), T0);
        case "unfollow" -> new UserUnfollowed(step.who(), step.whom(), T0);
        case "followTopic" -> new TopicFollowed(step.who(), TAGS.get(step.n() % 2), T0);
        case "unfollowTopic" -> new TopicUnfollowed(step.who(), TAGS.get(step.n() % 2), T0);
        default -> throw new IllegalArgumentException(step.what());
      };
      if (e == null) continue;
      LogEvent logged = logged(e, log.size() + 1);
      log.add(logged);
      kept.apply(List.of(logged));
    }
    ReadModel fresh = fresh(log, fanOutLimit);
    for (String p : PEOPLE) assertThat(home(kept, p)).as("%s's home at the end", p).isEqualTo(home(fresh, p));
  }

  private static LogEvent logged(DomainEvent e, long position) {
    return new LogEvent(position, EventTypes.nameOf(e), EventTypes.encode(e), "{}".getBytes(StandardCharsets.UTF_8));
  }

  private static ReadModel fresh(List<LogEvent> log, int fanOutLimit) {
    ReadModel model = new ReadModel(800, fanOutLimit, false);
    model.apply(log);
    return model;
  }

  /** The home's entries as "post" or "post via sharer", newest first. */
  private static List<String> home(ReadModel model, String person) {
    return model.timelines.home(person, Long.MAX_VALUE, 200).items().stream()
        .map(e -> PostIds.format(e.post().id) + (e.sharedBy() == null ? "" : " via " + e.sharedBy())).toList();
  }

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Step> step = Combinators.combine(
        Arbitraries.of("post", "post", "post", "share", "delete", "follow", "follow", "follow", "unfollow", "unfollow", "followTopic", "unfollowTopic", "join", "leave", "mute", "unmute", "read", "read"),
        Arbitraries.of(PEOPLE), Arbitraries.of(PEOPLE), Arbitraries.integers().between(0, 1_000)).as(Step::new);
    return step.list().ofMinSize(5).ofMaxSize(60);
  }
}
