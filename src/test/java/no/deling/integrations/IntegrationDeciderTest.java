package no.deling.integrations;

import static no.deling.support.Fixtures.*;

import java.util.Map;
import no.deling.core.command.Rejection;
import no.deling.groups.GroupState;
import no.deling.groups.GroupState.Role;
import no.deling.integrations.IntegrationDecider.CreateIntegration;
import no.deling.integrations.IntegrationDecider.IntegrationCommand;
import no.deling.integrations.IntegrationDecider.IntegrationState;
import no.deling.integrations.IntegrationDecider.RevokeIntegration;
import no.deling.integrations.IntegrationDecider.RotateSecret;
import no.deling.integrations.IntegrationEvent.IntegrationCreated;
import no.deling.integrations.IntegrationEvent.IntegrationRevoked;
import no.deling.integrations.IntegrationEvent.IntegrationSecretRotated;
import no.deling.posts.PostDecider;
import no.deling.posts.PostDecider.PublishPost;
import no.deling.posts.PostEvent;
import no.deling.support.DeciderSpec;
import org.junit.jupiter.api.Test;

class IntegrationDeciderTest {
  private static final String HOOK = "0384036914845450300";
  private static final String HASH = "a".repeat(64);
  private static final GroupState SALES_GROUP = new GroupState(true, SALES, "Sales", true, false, Map.of(ALICE, Role.OWNER, BOB, Role.MEMBER));
  private final DeciderSpec<IntegrationCommand, IntegrationState, IntegrationEvent> spec = DeciderSpec.of(new IntegrationDecider());

  private static CreateIntegration create(String actor, GroupState group, String name, int live) {
    return new CreateIntegration(HOOK, SALES, name, HASH, actor, group, live, T1);
  }

  @Test
  void anOwnerCreates_aNamedIntegration_andRevokesIt_once() {
    spec.given().when(create(ALICE, SALES_GROUP, "  CI builds ", 0)).then(new IntegrationCreated(HOOK, SALES, "CI builds", ALICE, HASH, T1));
    IntegrationCreated created = new IntegrationCreated(HOOK, SALES, "CI builds", ALICE, HASH, T0);
    spec.given(created).when(new RevokeIntegration(HOOK, SALES, ALICE, SALES_GROUP, T1)).then(new IntegrationRevoked(HOOK, SALES, ALICE, T1));
    spec.given(created, new IntegrationRevoked(HOOK, SALES, ALICE, T0)).when(new RevokeIntegration(HOOK, SALES, ALICE, SALES_GROUP, T1)).thenNothing();
  }

  @Test
  void onlyAnOwner_ofAGroupTheyMaySee_thatIsNotArchived_createsOrRevokes() {
    spec.given().when(create(BOB, SALES_GROUP, "CI", 0)).thenRejected(Rejection.Forbidden.class);
    spec.given().when(create(CAROL, SALES_GROUP, "CI", 0)).thenRejected(Rejection.NotFound.class); // a private group is not named to outsiders
    spec.given().when(create(ALICE, null, "CI", 0)).thenRejected(Rejection.NotFound.class);
    GroupState archived = new GroupState(true, SALES, "Sales", true, true, Map.of(ALICE, Role.OWNER));
    spec.given().when(create(ALICE, archived, "CI", 0)).thenRejected(Rejection.Forbidden.class);
    IntegrationCreated created = new IntegrationCreated(HOOK, SALES, "CI builds", ALICE, HASH, T0);
    spec.given(created).when(new RevokeIntegration(HOOK, SALES, BOB, SALES_GROUP, T1)).thenRejected(Rejection.Forbidden.class);
    // named through another group, which its owner runs: not this integration
    GroupState other = new GroupState(true, KOTLIN, "Kotlin", false, false, Map.of(BOB, Role.OWNER));
    spec.given(created).when(new RevokeIntegration(HOOK, KOTLIN, BOB, other, T1)).thenRejected(Rejection.NotFound.class);
    spec.given().when(new RevokeIntegration(HOOK, SALES, ALICE, SALES_GROUP, T1)).thenRejected(Rejection.NotFound.class);
  }

  @Test
  void anOwner_givesALiveIntegrationOfTheirGroupANewSecret_butNotARevokedOne_norOneInAnArchive() {
    IntegrationCreated created = new IntegrationCreated(HOOK, SALES, "CI builds", ALICE, HASH, T0);
    String next = "b".repeat(64);
    spec.given(created).when(new RotateSecret(HOOK, SALES, next, ALICE, SALES_GROUP, T1))
        .then(new IntegrationSecretRotated(HOOK, SALES, ALICE, next, T1));
    // again, after a second leak
    spec.given(created, new IntegrationSecretRotated(HOOK, SALES, ALICE, next, T1)).when(new RotateSecret(HOOK, SALES, "c".repeat(64), ALICE, SALES_GROUP, T1))
        .then(new IntegrationSecretRotated(HOOK, SALES, ALICE, "c".repeat(64), T1));
    spec.given(created).when(new RotateSecret(HOOK, SALES, next, BOB, SALES_GROUP, T1)).thenRejected(Rejection.Forbidden.class);
    spec.given(created).when(new RotateSecret(HOOK, SALES, next, CAROL, SALES_GROUP, T1)).thenRejected(Rejection.NotFound.class);
    GroupState other = new GroupState(true, KOTLIN, "Kotlin", false, false, Map.of(BOB, Role.OWNER));
    spec.given(created).when(new RotateSecret(HOOK, KOTLIN, next, BOB, other, T1)).thenRejected(Rejection.NotFound.class);
    spec.given().when(new RotateSecret(HOOK, SALES, next, ALICE, SALES_GROUP, T1)).thenRejected(Rejection.NotFound.class);
    spec.given(created, new IntegrationRevoked(HOOK, SALES, ALICE, T0)).when(new RotateSecret(HOOK, SALES, next, ALICE, SALES_GROUP, T1))
        .thenRejected(Rejection.Conflict.class);
    GroupState archived = new GroupState(true, SALES, "Sales", true, true, Map.of(ALICE, Role.OWNER));
    spec.given(created).when(new RotateSecret(HOOK, SALES, next, ALICE, archived, T1)).thenRejected(Rejection.Forbidden.class);
  }

  @Test
  void aName_is1To60PrintableCharacters_andAGroupHasAtMost20Live() {
    spec.given().when(create(ALICE, SALES_GROUP, " ", 0)).thenInvalid("name", "integration-name");
    spec.given().when(create(ALICE, SALES_GROUP, "x".repeat(61), 0)).thenInvalid("name", "integration-name");
    spec.given().when(create(ALICE, SALES_GROUP, "bad\u202Ename", 0)).thenInvalid("name", "integration-name");
    spec.given().when(create(ALICE, SALES_GROUP, "x".repeat(60), 19)).then(new IntegrationCreated(HOOK, SALES, "x".repeat(60), ALICE, HASH, T1));
    spec.given().when(create(ALICE, SALES_GROUP, "CI", IntegrationDecider.MAX_PER_GROUP)).thenInvalid("name", "max-integrations");
  }

  @Test
  void anIntegrationPosts_inItsOwnGroup_only_asIfAMember() {
    var posts = DeciderSpec.of(new PostDecider());
    String app = Integrations.author(HOOK);
    String post = "0384036914845450301";
    posts.given().when(new PublishPost(post, app, "Build 42 is green", null, null, SALES, SALES_GROUP.facts().withMember(app), T1))
        .then(new PostEvent.PostPublished(post, app, "Build 42 is green", null, post, java.util.List.of(), java.util.List.of(), java.util.List.of(), T1,
            SALES));
    // the facts as the group's stream has them do not count it a member: the private group is not even named to it
    posts.given().when(new PublishPost(post, app, "Build 42 is green", null, null, SALES, SALES_GROUP.facts(), T1))
        .thenInvalid("group", "existing-group");
  }
}
