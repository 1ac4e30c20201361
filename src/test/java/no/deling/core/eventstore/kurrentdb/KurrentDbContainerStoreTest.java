package no.deling.core.eventstore.kurrentdb;

import static no.deling.support.Await.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.EventStoreContract;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The store contract against a real KurrentDB node. Runs wherever a Docker engine exists; skipped
 * (with that reason) on machines without one, where {@link KurrentDbStandInStoreTest} covers the
 * adapter. Each test uses a fresh node so that positions and streams start empty.
 */
@Testcontainers(disabledWithoutDocker = true)
class KurrentDbContainerStoreTest extends EventStoreContract {
  static final String IMAGE = "docker.kurrent.io/kurrent-latest/kurrentdb:25.1.0";

  @Container
  final GenericContainer<?> node = new GenericContainer<>(IMAGE)
      .withEnv("KURRENTDB_INSECURE", "true")
      .withEnv("KURRENTDB_RUN_PROJECTIONS", "None")
      .withExposedPorts(2113)
      .waitingFor(Wait.forHttp("/health/live").forPort(2113).forStatusCode(204))
      .withStartupTimeout(Duration.ofMinutes(2));

  @Override
  protected EventStore open(Vertx vertx) {
    return reopen(vertx);
  }

  @Override
  protected EventStore reopen(Vertx vertx) {
    String url = "kurrentdb://" + node.getHost() + ":" + node.getMappedPort(2113) + "?tls=false";
    return await(KurrentDbEventStore.open(vertx, url, Duration.ofSeconds(5), Duration.ofSeconds(30)));
  }
}
