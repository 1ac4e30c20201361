package no.deling.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The same scenario as the replay driver's activity, in Gatling: people arrive at a constant rate
 * (open model); each records their profile, publishes a post (durable when 201) and reads their
 * home timeline. Delivery over WebSockets is measured by our own driver, not here.
 *
 * <p>System properties: {@code secret} (the server's HS256 secret, required), {@code target}
 * (default {@code http://127.0.0.1:8080}; anything not on loopback must be named explicitly),
 * {@code people} (200), {@code rate} (arrivals/s, 50), {@code seconds} (30).
 */
public class PostAndReadSimulation extends Simulation {
  private static final String TARGET = System.getProperty("target", "http://127.0.0.1:8080");
  private static final String SECRET = System.getProperty("secret", System.getenv("DELING_JWT_SECRET"));
  private static final int PEOPLE = Integer.getInteger("people", 200);
  private static final int RATE = Integer.getInteger("rate", 50);
  private static final int SECONDS = Math.min(3_600, Integer.getInteger("seconds", 30));

  static {
    if (SECRET == null || SECRET.isBlank()) throw new IllegalStateException("-Dsecret=<the server's DELING_JWT_SECRET> is required");
    URI.create(TARGET); // fail early on a malformed target
  }

  private static final AtomicLong NEXT = new AtomicLong();

  /** One simulated employee per arrival, round-robin over the organisation, each with its own token. */
  private static final Iterator<Map<String, Object>> PEOPLE_FEEDER = Stream.generate(() -> {
    long n = NEXT.getAndIncrement();
    String user = String.format("emp%05d", n % PEOPLE);
    return Map.<String, Object>of("user", user, "token", token(user), "n", n);
  }).iterator();

  private final HttpProtocolBuilder protocol = http.baseUrl(TARGET)
      .acceptHeader("application/json")
      .contentTypeHeader("application/json");

  private final ScenarioBuilder postAndRead = scenario("post and read")
      .feed(PEOPLE_FEEDER)
      .exec(http("profile").get("/api/me").header("Authorization", "Bearer #{token}").check(status().is(200)))
      .exec(http("publish").post("/api/posts").header("Authorization", "Bearer #{token}")
          .body(StringBody("{\"text\":\"Gatling post #{n} about #loadtest\"}"))
          .check(status().is(201), jsonPath("$.id").exists()))
      .exec(http("home timeline").get("/api/timelines/home?limit=20").header("Authorization", "Bearer #{token}")
          .check(status().is(200)));

  {
    setUp(postAndRead.injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(SECONDS))))
        .protocols(protocol)
        .maxDuration(Duration.ofSeconds(SECONDS + 60))
        .assertions(global().failedRequests().percent().lt(1.0));
  }

  /** An HS256 JWT for {@code user}, valid for two hours. */
  static String token(String user) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = System.currentTimeMillis() / 1000;
    String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = b64.encodeToString(String.format("{\"sub\":\"%s\",\"name\":\"%s\",\"iat\":%d,\"exp\":%d}", user, user, now, now + 7_200)
        .getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String signature = b64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
      return header + "." + payload + "." + signature;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
