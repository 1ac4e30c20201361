package no.deling.integrations;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import no.deling.core.projection.ReadLock;
import no.deling.integrations.Integrations.Integration;
import no.deling.users.People;
import no.deling.users.UserJson;

/** A group's integrations as their owners see them, and which integration a secret opens. */
public final class IntegrationQueries {
  private final ReadLock lock;
  private final Integrations integrations;
  private final People people;
  private final HookTraffic traffic = new HookTraffic();

  public IntegrationQueries(ReadLock lock, Integrations integrations, People people) {
    this.lock = lock;
    this.integrations = integrations;
    this.people = people;
  }

  /** What tools sent since start (counted by the hook route, read by {@code /metrics}). */
  public HookTraffic traffic() {
    return traffic;
  }

  /** The live integration {@code secret} opens, or null (unknown, revoked and a wrong secret alike). */
  public Integration verified(String id, String secret) {
    return lock.read(() -> integrations.verify(id, secret));
  }

  public int liveIn(String groupId) {
    return lock.read(() -> integrations.liveIn(groupId));
  }

  /** The integration as its owners see it (never its secret), or null. */
  public JsonObject one(String id) {
    return lock.read(() -> {
      Integration i = integrations.get(id);
      return i == null ? null : json(i);
    });
  }

  /** The group's integrations, oldest first, revoked ones included. */
  public JsonArray ofGroup(String groupId) {
    return lock.read(() -> {
      JsonArray items = new JsonArray();
      for (Integration i : integrations.ofGroup(groupId)) items.add(json(i));
      return items;
    });
  }

  private JsonObject json(Integration i) {
    JsonObject o = new JsonObject().put("id", i.id()).put("group", i.groupId()).put("name", i.name()).put("author", i.author())
        .put("createdBy", UserJson.summary(i.by(), people)).put("createdAt", i.createdAt().toString()).put("posts", i.posts());
    if (i.lastPostAt() != null) o.put("lastPostAt", i.lastPostAt().toString());
    if (i.secretSetAt() != null) o.put("secretSetAt", i.secretSetAt().toString());
    if (i.revokedAt() != null) o.put("revokedAt", i.revokedAt().toString());
    return o;
  }
}
