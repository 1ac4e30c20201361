package no.deling.load.suite;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.deling.load.org.Person;

/**
 * The suite's groups and shares: one private group per department (its first person owns it, the
 * others are invited and accept), and the ids of posts to share. Set up one request at a time,
 * before anything is measured.
 */
final class GroupsAndShares {
  /** Per person index, the id of their department's group. */
  final List<String> groupOf = new ArrayList<>();
  /** Public posts to share, with their authors. */
  final List<String> postIds = new ArrayList<>();
  final List<String> postAuthors = new ArrayList<>();

  private GroupsAndShares() {}

  static GroupsAndShares setUp(Vertx vertx, int port, List<Person> people, List<String> tokens) throws Exception {
    GroupsAndShares out = new GroupsAndShares();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    try {
      Map<String, String> groupByDepartment = new LinkedHashMap<>();
      Map<String, Integer> ownerByDepartment = new LinkedHashMap<>();
      for (int i = 0; i < people.size(); i++) {
        Person p = people.get(i);
        String dept = p.department();
        String group = groupByDepartment.get(dept);
        if (group == null) {
          JsonObject created = ok(client.post("/api/groups").putHeader("Authorization", "Bearer " + tokens.get(i))
              .sendJsonObject(new JsonObject().put("name", dept + " (private)").put("access", "private"))).bodyAsJsonObject();
          group = created.getString("id");
          groupByDepartment.put(dept, group);
          ownerByDepartment.put(dept, i);
        } else {
          String path = "/api/groups/" + group + "/members/" + p.id();
          ok(client.put(path).putHeader("Authorization", "Bearer " + tokens.get(ownerByDepartment.get(dept))).send());
          ok(client.put(path).putHeader("Authorization", "Bearer " + tokens.get(i)).send());
        }
        out.groupOf.add(group);
      }
      for (int i = 0; i < people.size() && out.postIds.size() < 2_000; i++) {
        var page = ok(client.get("/api/users/" + people.get(i).id() + "/posts?limit=50").putHeader("Authorization", "Bearer " + tokens.get(i)).send())
            .bodyAsJsonObject().getJsonArray("items");
        for (Object o : page) {
          JsonObject post = (JsonObject) o;
          if (post.getValue("group") != null) continue;
          out.postIds.add(post.getString("id"));
          out.postAuthors.add(post.getJsonObject("author").getString("id"));
        }
      }
    } finally {
      client.close();
    }
    return out;
  }

  /** {@code each} public posts (JSON bodies from {@code bodies}) by every holder of {@code tokens}, one request at a time. */
  static void publish(Vertx vertx, int port, List<String> tokens, List<String> bodies, int each) throws Exception {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    try {
      for (int k = 0; k < tokens.size() * each; k++) {
        ok(client.post("/api/posts").putHeader("Authorization", "Bearer " + tokens.get(k % tokens.size()))
            .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(bodies.get(k % bodies.size()))));
      }
    } finally {
      client.close();
    }
  }

  private static HttpResponse<Buffer> ok(Future<HttpResponse<Buffer>> request) throws Exception {
    HttpResponse<Buffer> r = request.toCompletionStage().toCompletableFuture().get();
    if (r.statusCode() >= 300) throw new IllegalStateException("set-up request failed: " + r.statusCode() + " " + r.bodyAsString());
    return r;
  }
}
