package no.deling.load.suite;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.ArrayList;
import java.util.List;
import no.deling.load.org.Action;
import no.deling.load.org.Org;
import no.deling.load.org.OrgGenerator;
import no.deling.load.org.OrgSpec;

/** The generated organisation the suite posts as: the same people, follows and tokens wherever it is used. */
final class SuiteOrganisation {
  private SuiteOrganisation() {}

  static Org generate(int people) {
    return OrgGenerator.generate(OrgSpec.standard(42).withPeople(people).withPostsPerPersonPerDay(40));
  }

  /** The people joining and following each other and topics: what the posts' fan-out depends on. */
  static List<Action> setupActions(Org org) {
    return org.actions().stream()
        .filter(a -> a instanceof Action.Join || a instanceof Action.FollowUser || a instanceof Action.FollowTopic).toList();
  }

  /** A token per person, in the organisation's order, with the claims they joined with (so requests record no profile changes). */
  static List<String> tokens(JWTAuth jwt, Org org, int minutes) {
    List<String> tokens = new ArrayList<>();
    for (var p : org.people()) {
      tokens.add(jwt.generateToken(new JsonObject().put("sub", p.id()).put("name", p.name()).put("department", p.department())
          .put("location", p.location()).put("title", p.title()), new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(minutes)));
    }
    return tokens;
  }
}
