package no.deling.core.eventstore.kurrentdb;

import io.grpc.StatusRuntimeException;
import io.kurrent.dbclient.ConnectionShutdownException;
import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.KurrentDBClientSettings;
import io.kurrent.dbclient.KurrentDBConnectionString;
import io.kurrent.dbclient.NoClusterNodeFoundException;
import io.kurrent.dbclient.NotLeaderException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Holds the live client and replaces it when it has given up. The official client reconnects by
 * itself for a few discovery attempts and then shuts down for good; a server must outlive any
 * outage of its log, so the next call after that gets a fresh client.
 */
final class KurrentDbClients {
  private final KurrentDBClientSettings settings;
  private final String description;
  private KurrentDBClient client;
  private boolean closed;

  KurrentDbClients(String connectionString) {
    this.settings = KurrentDBConnectionString.parseOrThrow(connectionString);
    this.description = connectionString.replaceAll("//[^@/]*@", "//***@");
  }

  synchronized KurrentDBClient get() {
    if (closed) throw new IllegalStateException("the KurrentDB connection is closed");
    if (client == null || client.isShutdown()) client = KurrentDBClient.create(settings);
    return client;
  }

  String describe() {
    return description;
  }

  synchronized CompletableFuture<Void> close() {
    closed = true;
    return client == null ? CompletableFuture.completedFuture(null) : client.shutdown();
  }

  /** Errors that mean "the log could not be reached", as opposed to an answer from it. */
  static boolean isConnectionFailure(Throwable e) {
    return e instanceof StatusRuntimeException
        || e instanceof ConnectionShutdownException
        || e instanceof NoClusterNodeFoundException
        || e instanceof NotLeaderException
        || e instanceof TimeoutException
        || (e instanceof RuntimeException && e.getCause() instanceof StatusRuntimeException);
  }
}
