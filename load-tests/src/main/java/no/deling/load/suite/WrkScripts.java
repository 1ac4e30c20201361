package no.deling.load.suite;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.deling.load.org.Action;
import no.deling.load.org.Args;
import no.deling.load.org.Org;
import no.deling.load.org.OrgGenerator;
import no.deling.load.org.OrgSpec;
import no.deling.load.replay.ReplayDriver;
import no.deling.load.replay.ReplayOptions;

/**
 * The suite's wrk post rounds, outside the suite: joins the suite's organisation to a running
 * server (started with the same {@code DELING_JWT_SECRET}) and writes the wrk scripts the suite
 * posts with, one author and 32, and one with every person of the organisation as an author, so a profiler can watch exactly that load.
 *
 * <pre>mvn -q -B test-compile exec:java -Dexec.mainClass=no.deling.load.suite.WrkScripts \
 *   -Dexec.args="--url http://127.0.0.1:8090 --secret S --out /tmp/wrk"
 * wrk -t2 -c64 -d10s -s /tmp/wrk/many.lua http://127.0.0.1:8090/api/posts</pre>
 */
public final class WrkScripts {
  private WrkScripts() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    URI url = URI.create(args.string("--url", "http://127.0.0.1:8080"));
    String secret = args.string("--secret", "");
    Path out = Path.of(args.string("--out", "target/wrk"));
    Files.createDirectories(out);
    Org org = OrgGenerator.generate(OrgSpec.standard(42).withPeople(args.intValue("--people", 600)).withPostsPerPersonPerDay(40));
    Vertx vertx = Vertx.vertx();
    try {
      ReplayOptions options = new ReplayOptions(url, secret, 0, 64, Duration.ZERO, Duration.ZERO, 0, 0, Duration.ofSeconds(10), null);
      List<Action> setupOnly = org.actions().stream()
          .filter(a -> a instanceof Action.Join || a instanceof Action.FollowUser || a instanceof Action.FollowTopic).toList();
      ReplayDriver driver = new ReplayDriver(vertx, options);
      driver.run(setupOnly, "Setup");
      driver.close();
      JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(secret))));
      Map<String, String> tokenOf = new HashMap<>();
      List<String> tokens = new ArrayList<>();
      for (var p : org.people()) {
        String token = jwt.generateToken(new JsonObject().put("sub", p.id()).put("name", p.name())
            .put("department", p.department()).put("location", p.location()).put("title", p.title()),
            new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(24 * 60));
        tokenOf.put(p.id(), token);
        tokens.add(token);
      }
      List<String> texts = new ArrayList<>();
      for (Action a : org.actions()) {
        if (a instanceof Action.Publish p && p.parentRef() == null && texts.size() < 500) texts.add(new JsonObject().put("text", p.text()).encode());
      }
      List<String> authors = tokens.subList(0, Math.min(32, tokens.size()));
      Files.move(WrkLoad.script(authors, texts, "/api/posts", out), out.resolve("many.lua"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.move(WrkLoad.script(List.of(tokens.get(0)), texts, "/api/posts", out), out.resolve("one.lua"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.move(WrkLoad.script(tokens, texts, "/api/posts", out), out.resolve("all.lua"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      System.out.println("wrote many.lua (32 authors), one.lua and all.lua (" + tokens.size() + " authors) in " + out);
    } finally {
      vertx.close().await();
    }
  }
}
