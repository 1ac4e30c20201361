package no.deling.load.suite;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import no.deling.load.org.Action;
import no.deling.load.org.Args;
import no.deling.load.org.Org;
import no.deling.load.replay.ReplayDriver;
import no.deling.load.replay.ReplayOptions;

/**
 * The suite's wrk post rounds, outside the suite: joins the suite's organisation to a running
 * server (started with the same {@code DELING_JWT_SECRET}) and writes the wrk scripts the suite
 * posts with, one author and 32, and one with every person of the organisation as an author,
 * so a profiler can watch exactly that load; with {@code --groups}, also the suite's private groups
 * and a script of 32 authors posting into them.
 *
 * <pre>mvn -q -B test-compile exec:java -Dexec.mainClass=no.deling.load.suite.WrkScripts \
 *   -Dexec.classpathScope=test -Dexec.args="--url http://127.0.0.1:8090 --secret S --out /tmp/wrk"
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
    Org org = SuiteOrganisation.generate(args.intValue("--people", 600));
    Vertx vertx = Vertx.vertx();
    try {
      ReplayOptions options = new ReplayOptions(url, secret, 0, 64, Duration.ZERO, Duration.ZERO, 0, 0, Duration.ofSeconds(10), null);
      ReplayDriver driver = new ReplayDriver(vertx, options);
      driver.run(SuiteOrganisation.setupActions(org), "Setup");
      driver.close();
      JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(secret))));
      List<String> tokens = SuiteOrganisation.tokens(jwt, org, 24 * 60);
      // the suite's texts: the organisation's first 500 top-level posts
      List<String> texts = new ArrayList<>();
      for (Action a : org.actions()) {
        if (a instanceof Action.Publish p && p.parentRef() == null && texts.size() < 500) texts.add(new JsonObject().put("text", p.text()).encode());
      }
      write(out.resolve("many.lua"), WrkLoad.script(tokens.subList(0, Math.min(32, tokens.size())), texts, "/api/posts"));
      write(out.resolve("one.lua"), WrkLoad.script(List.of(tokens.get(0)), texts, "/api/posts"));
      write(out.resolve("all.lua"), WrkLoad.script(tokens, texts, "/api/posts"));
      String groups = "";
      if (args.flag("--groups")) {
        // posts to share, as the suite's post rows leave them: four public posts by each person
        GroupsAndShares.publish(vertx, url.getPort(), tokens, texts, 4);
        // the suite's private groups, one per department; 32 authors each post into their own
        GroupsAndShares gs = GroupsAndShares.setUp(vertx, url.getPort(), org.people(), tokens);
        write(out.resolve("group.lua"), groupScript(tokens, gs.groupOf, texts));
        List<String> ids = org.people().stream().map(p -> p.id()).toList();
        write(out.resolve("share.lua"), shareScript(tokens, gs.postIds, gs.postAuthors.stream().map(ids::indexOf).toList()));
        groups = ", group.lua (32 authors, each into their department's private group) and share.lua (the suite's shares)";
      }
      System.out.println("wrote many.lua (32 authors), one.lua and all.lua (" + tokens.size() + " authors)" + groups + " in " + out);
    } finally {
      vertx.close().await();
    }
  }

  /**
   * The first 32 people's posts, each into their own group: the script pairs the k-th token with
   * the k-th body, so both lists are as long as the pairs.
   */
  static String groupScript(List<String> tokens, List<String> groupOf, List<String> texts) {
    List<String> authors = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    int people = Math.min(32, tokens.size());
    for (int k = 0; k < people * 16; k++) {
      int person = k % people;
      authors.add(tokens.get(person));
      bodies.add(new JsonObject(texts.get(k % texts.size())).put("group", groupOf.get(person)).encode());
    }
    return WrkLoad.script(authors, bodies, "/api/posts");
  }

  /**
   * The suite's shares: the i-th request shares the i-th post (of those set up) as the next person
   * along who is not its author, so every request is a new (post, sharer) pair, as in the suite,
   * until the pairs run out: each wrk thread starts its own stretch of the sequence.
   */
  static String shareScript(List<String> tokens, List<String> postIds, List<Integer> authorIndex) {
    StringBuilder lua = new StringBuilder("local tokens = {");
    for (String t : tokens) lua.append('"').append(t).append("\",");
    lua.append("}\nlocal ids = {");
    for (String id : postIds) lua.append('"').append(id).append("\",");
    lua.append("}\nlocal authors = {");
    for (int a : authorIndex) lua.append(a).append(',');
    lua.append("}\nlocal threads = 0\n")
        // a run started later starts further along (13,000 pairs a second per thread, about what one
        // wrk thread shares), so runs one after another share new pairs for about 45 s in all
        .append("setup = function(thread)\n  thread:set(\"first\", (os.time() * 13000 + threads * #ids * #tokens / 2) % (#ids * #tokens))\n")
        .append("  threads = threads + 1\nend\n")
        .append("local i = 0\ninit = function(args)\n  i = first\nend\n")
        .append("request = function()\n  local post = i % #ids\n")
        .append("  local sharer = (math.floor(i / #ids) + 1 + post) % #tokens\n")
        .append("  if sharer == authors[post + 1] then sharer = (sharer + 1) % #tokens end\n  i = i + 1\n")
        .append("  return wrk.format(\"PUT\", \"/api/posts/\" .. ids[post + 1] .. \"/share\", {[\"Authorization\"]=\"Bearer \" .. tokens[sharer + 1]})\n")
        .append("end\n");
    return lua.toString();
  }

  private static void write(Path file, String script) throws java.io.IOException {
    Files.writeString(file, script, StandardCharsets.UTF_8);
  }
}
