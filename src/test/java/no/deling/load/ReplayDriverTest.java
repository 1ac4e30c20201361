package no.deling.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.deling.load.org.Action;
import no.deling.load.org.Org;
import no.deling.load.org.OrgGenerator;
import no.deling.load.org.OrgSpec;
import no.deling.load.replay.HtmlReport;
import no.deling.load.replay.ReplayDriver;
import no.deling.load.replay.ReplayOptions;
import no.deling.load.replay.ReplayReport;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay driver against a real in-test server: it counts what it sent and what arrived, and the report adds up. */
class ReplayDriverTest {
  @TempDir Path dir;

  @Test
  void replay_atAFixedRate_withFollowerSockets_accountsForEveryCommandAndDelivery() throws Exception {
    Org org = OrgGenerator.generate(OrgSpec.standard(11).withPeople(80).withPostsPerPersonPerDay(8));
    List<Action> activity = org.actions().stream()
        .filter(a -> !a.setup()).toList();
    try (TestServer s = TestServer.start(dir, Map.of("DELING_METRICS_TOKEN", "scrape"))) {
      Vertx vertx = Vertx.vertx();
      ReplayOptions options = ReplayOptions.loopback(s.server.port(), TestServer.SECRET)
          .withRate(150).withTiming(Duration.ofSeconds(1), Duration.ofSeconds(3)).withSockets(12).withConcurrency(16)
          .withMetricsToken("scrape");
      ReplayDriver driver = new ReplayDriver(vertx, options);
      ReplayReport r = driver.run(org.actions(), "test replay");
      driver.close();

      // setup: every profile and follow went through
      long setupCommands = org.actions().size() - activity.size();
      assertThat(r.setup().sent()).isEqualTo(setupCommands);
      assertThat(r.setup().ok()).as("setup errors %s", r.setup().errors()).isEqualTo(setupCommands);
      // activity: 4 s at 150/s, bounded by the stream's length
      long offered = Math.min(activity.size(), 4 * 150);
      assertThat(r.sent()).isBetween(offered - 2, offered);
      assertThat(r.skippedForDependency()).as("a command naming a post still on its way waits for it").isZero();
      assertThat(r.errors()).isEmpty();
      assertThat(r.sent()).isEqualTo(r.ok() + r.errorCount());
      assertThat(r.commandLatency().getTotalCount()).as(r.table()).isEqualTo(r.ok() - r.warmupCommands());
      assertThat(r.throughput()).isBetween(100.0, 200.0);
      // deliveries: every post due at a socket arrived, each timed once
      assertThat(r.expectedDeliveries()).isPositive();
      assertThat(r.delivered()).isEqualTo(r.expectedDeliveries());
      assertThat(r.deliveryLatency().getTotalCount()).isEqualTo(r.delivered());
      assertThat(r.avgServerCpu()).isNotNull();
      assertThat(r.maxServerHeapMb()).isPositive();

      // the server holds exactly what was acknowledged
      long publishedOk = s.events().stream().filter(e -> e.type().equals("PostPublished.v1")).count();
      long endorsedOk = s.events().stream().filter(e -> e.type().equals("PostEndorsed.v1")).count();
      long knowledgeOk = s.events().stream()
          .filter(e -> List.of("AnswerAccepted.v1", "SkillEndorsed.v1", "BookmarkSaved.v1", "PollVoted.v1", "PostSaved.v1").contains(e.type())).count();
      assertThat(publishedOk + endorsedOk + knowledgeOk).isEqualTo(r.ok());
      // the groups, their members and tools were set up; members' and tools' posts went into them
      assertThat(count(s, "GroupCreated.v1")).isEqualTo(org.actions().stream().filter(a -> a instanceof Action.CreateGroup).count()).isPositive();
      assertThat(count(s, "GroupMemberJoined.v1")).isEqualTo(org.actions().stream().filter(a -> a instanceof Action.JoinGroup).count());
      assertThat(count(s, "IntegrationCreated.v1")).isEqualTo(org.actions().stream().filter(a -> a instanceof Action.ConnectTool).count()).isPositive();
      assertThat(count(s, "TopicOwnerAppointed.v1")).as("the busiest topics have owners")
          .isEqualTo(org.actions().stream().filter(a -> a instanceof Action.AppointTopicOwner).count()).isPositive();
      assertThat(count(s, "TopicOwnershipOffered.v1")).as("the next busiest have offers waiting")
          .isEqualTo(org.actions().stream().filter(a -> a instanceof Action.OfferToLookAfterTopic).count()).isPositive();
      List<io.vertx.core.json.JsonObject> posts = s.events().stream().filter(e -> e.type().equals("PostPublished.v1"))
          .map(e -> new io.vertx.core.json.JsonObject(new String(e.data(), java.nio.charset.StandardCharsets.UTF_8))).toList();
      assertThat(posts).as("tools' posts").anyMatch(p -> p.getString("author").startsWith("app."));
      assertThat(posts).as("members' posts into groups").anyMatch(p -> p.getString("group") != null && !p.getString("author").startsWith("app."));

      Path html = dir.resolve("report.html");
      HtmlReport.write(List.of(r), html);
      assertThat(Files.readString(html)).contains("<svg", "Latency by percentile", "deliveries p99");
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private static long count(TestServer s, String type) {
    return s.events().stream().filter(e -> e.type().equals(type)).count();
  }

  @Test
  void replay_asFastAsPossible_staysWithinItsCommandBound() throws Exception {
    Org org = OrgGenerator.generate(OrgSpec.standard(12).withPeople(40));
    try (TestServer s = TestServer.start(dir)) {
      Vertx vertx = Vertx.vertx();
      ReplayOptions options = ReplayOptions.loopback(s.server.port(), TestServer.SECRET)
          .withRate(0).withConcurrency(8).withTiming(Duration.ZERO, Duration.ofSeconds(20)).withMaxCommands(50);
      ReplayDriver driver = new ReplayDriver(vertx, options);
      ReplayReport r = driver.run(org.actions(), "closed model");
      driver.close();
      assertThat(r.sent()).isEqualTo(50);
      assertThat(r.skippedForDependency()).as("eight in flight: what names a post on its way waits for it").isZero();
      assertThat(r.sent()).isEqualTo(r.ok());
      assertThat(r.commandLatency().getTotalCount()).isEqualTo(r.ok());
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }
}
