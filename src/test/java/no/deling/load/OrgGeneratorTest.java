package no.deling.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Validator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.deling.load.org.Action;
import no.deling.load.org.Org;
import no.deling.load.org.OrgFiles;
import no.deling.load.org.OrgGenerator;
import no.deling.load.org.OrgSpec;
import no.deling.load.org.OrgStats;
import no.deling.support.EventSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrgGeneratorTest {
  private static final OrgSpec SPEC = OrgSpec.standard(7).withPeople(1_500);
  private static final Org ORG = OrgGenerator.generate(SPEC);
  private static final OrgStats STATS = OrgStats.of(ORG);

  @Test
  void sameSeed_sameOrganisation_byteForByte(@TempDir Path dir) throws Exception {
    OrgFiles.writeCommands(ORG, dir.resolve("a.jsonl"));
    OrgFiles.writeCommands(OrgGenerator.generate(SPEC), dir.resolve("b.jsonl"));
    OrgFiles.writeCommands(OrgGenerator.generate(OrgSpec.standard(8).withPeople(1_500)), dir.resolve("c.jsonl"));
    assertThat(Files.mismatch(dir.resolve("a.jsonl"), dir.resolve("b.jsonl"))).isEqualTo(-1);
    assertThat(Files.mismatch(dir.resolve("a.jsonl"), dir.resolve("c.jsonl"))).isNotEqualTo(-1);
  }

  @Test
  void followerCounts_areHeavyTailed_mostPeopleHaveAFewDozen() {
    assertThat(STATS.medianFollowers()).isBetween(8, 60);
    assertThat(STATS.medianFollowing()).isBetween(15, 60);
    assertThat(STATS.maxFollowers()).as(STATS.describe()).isGreaterThan(20 * STATS.medianFollowers()).isGreaterThan(SPEC.people() / 3);
    assertThat(STATS.p99Followers()).isGreaterThan(5 * STATS.medianFollowers());
  }

  @Test
  void moreTiesInsideADepartmentThanAcross() {
    assertThat(STATS.inDepartmentShare()).isGreaterThan(0.4).isGreaterThan(3 * STATS.expectedInDepartmentShareIfRandom());
  }

  @Test
  void hashtags_haveZipfLikePopularity() {
    long[] pop = STATS.tagPopularity();
    assertThat(pop.length).isGreaterThan(30);
    assertThat(pop[0]).isGreaterThan(5 * pop[9]);
    assertThat(pop[9]).isGreaterThan(pop[pop.length - 1]);
  }

  @Test
  void postingFollowsAWorkingDay() {
    long[] h = STATS.postsByHour();
    long working = Arrays.stream(h, 9, 16).sum() / 7;
    long night = Arrays.stream(h, 0, 5).sum() / 5;
    assertThat(working).isGreaterThan(20 * Math.max(1, night));
    assertThat(h[12]).isLessThan(h[10]); // lunch dip
  }

  @Test
  void questionsGetAnswers_repliesAndEndorsementsComeAfterTheirPost() {
    Map<String, Action.Publish> byRef = new HashMap<>();
    Map<String, Integer> answers = new HashMap<>();
    for (Action a : ORG.actions()) {
      if (a instanceof Action.Publish p) {
        if (p.parentRef() != null) {
          Action.Publish parent = byRef.get(p.parentRef());
          assertThat(parent).as("reply %s to an earlier post", p.ref()).isNotNull();
          assertThat(p.at()).isAfterOrEqualTo(parent.at());
          answers.merge(p.parentRef(), 1, Integer::sum);
        }
        byRef.put(p.ref(), p);
      } else if (a instanceof Action.Endorse e) {
        assertThat(byRef).containsKey(e.postRef());
        assertThat(e.actor()).isNotEqualTo(e.postAuthor());
      }
    }
    List<Action.Publish> questions = byRef.values().stream().filter(Action.Publish::question).toList();
    assertThat(questions).hasSizeGreaterThan(20);
    long answered = questions.stream().filter(q -> answers.getOrDefault(q.ref(), 0) > 0).count();
    assertThat(answered).isGreaterThan(questions.size() * 9L / 10);
    assertThat(STATS.replies()).isGreaterThan(STATS.posts() / 5);
  }

  @Test
  void pollsDrawVotesAfterThem_onceAPersonWithinTheirChoices_andSavesComeAfterTheirPost() {
    Map<String, Action.Publish> byRef = new HashMap<>();
    Map<String, java.util.Set<String>> voters = new HashMap<>();
    java.util.Set<String> saved = new java.util.HashSet<>();
    for (Action a : ORG.actions()) {
      if (a instanceof Action.Publish p) {
        byRef.put(p.ref(), p);
        assertThat(p.options() == null).as("a poll has choices, nothing else has").isEqualTo(!"poll".equals(p.kind()));
      } else if (a instanceof Action.Vote v) {
        Action.Publish poll = byRef.get(v.pollRef());
        assertThat(poll).as("a vote in an earlier poll").isNotNull();
        assertThat(v.option()).isBetween(0, poll.options().size() - 1);
        assertThat(voters.computeIfAbsent(v.pollRef(), k -> new java.util.HashSet<>()).add(v.actor())).as("one vote each").isTrue();
      } else if (a instanceof Action.Save v) {
        assertThat(byRef).as("a save of an earlier post").containsKey(v.postRef());
        assertThat(saved.add(v.actor() + " " + v.postRef())).as("once per person and post").isTrue();
      }
    }
    long polls = byRef.values().stream().filter(p -> "poll".equals(p.kind())).count();
    assertThat(polls).isGreaterThan(10);
    assertThat(voters.values().stream().mapToInt(java.util.Set::size).sum()).as("most polls draw votes").isGreaterThan((int) polls * 4);
    assertThat(saved).hasSizeGreaterThan(50);
  }

  @Test
  void everyDepartmentHasAPrivateTeamGroupWithABuildServer_membersPostIntoTheirGroups_andToolsIntoTheirs() {
    Map<String, Action.CreateGroup> groups = new HashMap<>();
    Map<String, java.util.Set<String>> members = new HashMap<>();
    Map<String, String> toolGroup = new HashMap<>();
    long groupPosts = 0;
    long toolPosts = 0;
    for (Action a : ORG.actions()) {
      if (a instanceof Action.CreateGroup g) {
        groups.put(g.ref(), g);
        members.computeIfAbsent(g.ref(), k -> new java.util.HashSet<>()).add(g.actor());
      } else if (a instanceof Action.JoinGroup j) {
        Action.CreateGroup g = groups.get(j.groupRef());
        assertThat(g).as("a join into an earlier group").isNotNull();
        assertThat(j.invitedBy()).as("invited into a private group by its owner, into none other").isEqualTo(g.isPrivate() ? g.actor() : null);
        assertThat(members.get(j.groupRef()).add(j.actor())).as("once each").isTrue();
      } else if (a instanceof Action.ConnectTool t) {
        assertThat(groups.get(t.groupRef()).actor()).as("its group's owner connects it").isEqualTo(t.actor());
        toolGroup.put(t.ref(), t.groupRef());
      } else if (a instanceof Action.Publish p && p.groupRef() != null) {
        assertThat(members.get(p.groupRef())).as("a member posts into it").contains(p.actor());
        groupPosts++;
      } else if (a instanceof Action.ToolPost t) {
        assertThat(toolGroup).as("a tool connected earlier").containsKey(t.actor());
        toolPosts++;
      }
    }
    long teams = groups.values().stream().filter(Action.CreateGroup::isPrivate).count();
    assertThat(teams).isEqualTo(ORG.people().stream().map(no.deling.load.org.Person::department).distinct().count());
    assertThat(toolGroup).hasSize((int) teams);
    assertThat(groups.values()).as("open interest groups too").anyMatch(g -> !g.isPrivate());
    assertThat(groupPosts).isGreaterThan(50);
    assertThat(toolPosts).isGreaterThan(teams);
  }

  @Test
  void actionsAreInTimeOrder_andSetupComesFirst() {
    Instant last = Instant.MIN;
    boolean activityStarted = false;
    for (Action a : ORG.actions()) {
      assertThat(a.at()).isAfterOrEqualTo(last);
      last = a.at();
      boolean setup = a.setup();
      if (!setup) activityStarted = true;
      else assertThat(activityStarted).as("setup after activity: %s", a).isFalse();
    }
  }

  @Test
  void everyGeneratedEvent_isValidAgainstItsSchema_andCommandsRoundTrip(@TempDir Path dir) throws Exception {
    List<OrgFiles.EventLine> events = OrgFiles.events(ORG, 3);
    assertThat(events).hasSize(ORG.actions().size());
    List<String> problems = new ArrayList<>();
    for (OrgFiles.EventLine e : events) {
      Validator v = EventSchemas.validator(e.type());
      if (v == null) {
        problems.add("no schema for " + e.type());
        continue;
      }
      var result = v.validate(new JsonObject(new String(e.data(), StandardCharsets.UTF_8)));
      if (!result.getValid()) problems.add(e.type() + ": " + result.getErrors());
    }
    assertThat(problems).isEmpty();

    OrgFiles.writeEvents(events, dir.resolve("events.jsonl"));
    List<OrgFiles.EventLine> back = OrgFiles.readEvents(dir.resolve("events.jsonl"));
    assertThat(back).hasSameSizeAs(events);
    assertThat(new String(back.get(back.size() - 1).data(), StandardCharsets.UTF_8))
        .isEqualTo(new String(events.get(events.size() - 1).data(), StandardCharsets.UTF_8));

    OrgFiles.writeCommands(ORG, dir.resolve("commands.jsonl"));
    assertThat(OrgFiles.readCommands(dir.resolve("commands.jsonl"))).isEqualTo(ORG.actions());
  }
}
