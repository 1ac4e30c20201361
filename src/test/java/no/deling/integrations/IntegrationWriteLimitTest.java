package no.deling.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import no.deling.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tool that floods its group meets the write limit, counted per integration, not per the owner who connected it. */
class IntegrationWriteLimitTest {
  private static long counter(String metrics, String result) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("deling_hooks_requests_total\\{result=\"" + result + "\",?\\} ([0-9.]+)").matcher(metrics);
    if (!m.find()) throw new AssertionError("no hook counter for " + result + " in /metrics");
    return (long) Double.parseDouble(m.group(1));
  }

  @TempDir Path dir;

  @Test
  void anIntegrationPastTheWriteLimit_gets429WithRetryAfter_andItsOwnerStillWrites() {
    try (TestServer s = TestServer.start(dir, Map.of("DELING_WRITE_RATE", "1", "DELING_WRITE_BURST", "3", "DELING_METRICS_TOKEN", "scrape"))) {
      String owner = s.token("limit-owner");
      String g = s.openGroup(owner, "Alerts");
      JsonObject tool = s.post("/api/groups/" + g + "/integrations", owner, new JsonObject().put("name", "Alertmanager")).json();
      int created = 0;
      TestServer.Response last = null;
      for (int i = 0; i < 6; i++) {
        last = s.call(HttpMethod.POST, "/hooks/" + tool.getString("id"), tool.getString("secret"), new JsonObject().put("text", "Alert " + i), Map.of());
        if (last.status() == 201) created++;
      }
      assertThat(created).as("the burst, and perhaps one more refilled meanwhile").isBetween(3, 4);
      assertThat(last.status()).isEqualTo(429);
      assertThat(last.header("Retry-After")).isNotNull();
      assertThat(last.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("writes");
      assertThat(s.post("/api/posts", owner, new JsonObject().put("text", "I can still post")).status()).as("the owner's own limit").isEqualTo(201);
      assertThat(s.call(HttpMethod.POST, "/hooks/" + tool.getString("id"), "stale", new JsonObject().put("text", "x"), Map.of()).status()).isEqualTo(401);

      // operators see tools' traffic: what they posted, what was refused and why
      String metrics = s.call(HttpMethod.GET, "/metrics", "scrape", null, Map.of()).body().toString();
      assertThat(counter(metrics, "posted")).isEqualTo(created);
      assertThat(counter(metrics, "unauthorized")).isEqualTo(1);
      assertThat(counter(metrics, "rate_limited")).isEqualTo(6 - created);
    }
  }
}
