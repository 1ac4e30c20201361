package no.deling;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import no.deling.auth.TokenVerifier;
import no.deling.core.command.CommandExecutor;
import no.deling.core.eventstore.EventStore;
import no.deling.core.eventstore.kurrentdb.KurrentDbEventStore;
import no.deling.core.eventstore.sqlite.SqliteEventStore;
import no.deling.core.ids.PostIds;
import no.deling.metrics.ServerMetrics;
import no.deling.notifications.Inbox;
import no.deling.privacy.sealing.SealedEventStore;
import no.deling.privacy.sealing.SqliteKeyStore;
import no.deling.readmodel.ProjectionVerticle;
import no.deling.readmodel.ReadModel;
import no.deling.readmodel.snapshot.SnapshotTaker;
import no.deling.search.Search;
import no.deling.search.SearchIndex;
import no.deling.search.SearchIndexer;
import no.deling.search.SearchService;
import no.deling.stream.WhenEventAppliedPublishToStreams;
import no.deling.stream.StreamHub;
import no.deling.stream.StreamRoutes;
import no.deling.stream.StreamConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running Deling: the log, the read model rebuilt from it, and the HTTP API. */
public final class DelingServer {
  private static final Logger LOG = LoggerFactory.getLogger(DelingServer.class);

  private final Vertx vertx;
  private final EventStore store;
  private final ReadModel model;
  private final TokenVerifier verifier;
  private final ApiVerticle api;
  private final StreamHub hub;
  private final Inbox inbox;
  private final SearchService search;

  private final ServerMetrics metrics;
  private final SnapshotTaker snapshots;
  /** The HTTP verticles' deployment, stopped first on close. */
  private String apiDeployment = "";
  /** The pulse's scheduled refresh, stopped first when closing (null with the pulse off). */
  private no.deling.pulse.NetworkRefresh pulseRefresh;
  /** Closes polls as their time comes; stopped first when closing. */
  private no.deling.polls.PollClosing pollClosing;
  private no.deling.questions.WaitingQuestions waitingQuestions;
  private no.deling.files.UnusedFiles unusedFiles;
  private no.deling.email.UnreadNotificationMail mail;
  private no.deling.push.Pusher push;

  private DelingServer(Vertx vertx, EventStore store, ReadModel model, TokenVerifier verifier, ApiVerticle api, StreamHub hub,
      ServerMetrics metrics, Inbox inbox, SearchService search, SnapshotTaker snapshots) {
    this.snapshots = snapshots;
    this.inbox = inbox;
    this.search = search;
    this.metrics = metrics;
    this.hub = hub;
    this.vertx = vertx;
    this.store = store;
    this.model = model;
    this.verifier = verifier;
    this.api = api;
  }

  public static Future<DelingServer> start(Vertx vertx, Config config) {
    ReadSideStart.prepare(config);
    no.deling.core.log.UnhandledFailures.of(vertx); // counted and logged from the first task on
    Future<EventStore> opening = switch (config.store()) {
      case "embedded" -> SqliteEventStore.open(vertx, config.dataDir()).map(s -> (EventStore) s);
      case "kurrentdb" -> KurrentDbEventStore.open(vertx, config.kurrentDbUrl(), Duration.ofMillis(config.storeTimeoutMs()),
          Duration.ofSeconds(60));
      default -> Future.failedFuture(new IllegalArgumentException(
          "DELING_STORE=" + config.store() + " is not supported; use 'embedded' or 'kurrentdb'"));
    };
    if (config.devLogin()) {
      LOG.warn("************************************************************************");
      LOG.warn("* DEV LOGIN IS ON: anyone can get a token for any user via /api/dev/login");
      LOG.warn("* Never run this in production. Unset DELING_DEV_LOGIN to turn it off.");
      LOG.warn("************************************************************************");
    }
    // personal data in the log is sealed with per-person keys kept outside it (see privacy.sealing);
    // the keys are opened beside the log (0.2 s of every start on the critical path when one after the other)
    opening = sealed(vertx, opening, vertx.executeBlocking(() -> SqliteKeyStore.open(config.keysPath()), false));
    return opening.compose(store -> {
      // Made while the read side is read back, on other threads (they need no read model): the
      // HTTP API's contract and the search index. Each had been on a restart's critical path after
      // the read side (0.5-1.3 s on 10M events). A start that fails waits for both, so that
      // nothing is left to finish on a Vert.x that the caller then closes, and closes the index.
      Future<OpenAPIContract> contract = ApiVerticle.prepareContract(vertx);
      Future<SearchIndex> index = vertx.executeBlocking(() -> SearchIndex.open(config.dataDir().resolve("search"), store.headPosition()), false);
      AtomicReference<SearchIndexer> indexer = new AtomicReference<>();
      return ReadSideStart.open(vertx, config, store)
          .recover(failure -> store.close().transform(closed -> Future.failedFuture(failure)))
          .compose(side -> serve(vertx, config, store, side, contract, index, indexer)
              .onFailure(e -> {
                side.inbox().stop();
                store.close();
              }))
          .recover(failure -> Future.join(contract, closeOnFailure(vertx, index, indexer)).<DelingServer>transform(done -> Future.failedFuture(failure)));
    }).onSuccess(s -> LOG.info("Deling listening on port {} (log: {})", s.port(), s.store().status().detail()));
  }

  /** The log sealed with the keys once both are open; if either fails, the other is closed and the log's failure told first. */
  private static Future<EventStore> sealed(Vertx vertx, Future<EventStore> log, Future<SqliteKeyStore> keys) {
    return Future.join(log, keys).transform(both -> {
      if (both.succeeded()) return Future.succeededFuture(new SealedEventStore(vertx, log.result(), keys.result()));
      Throwable failure = log.failed() ? log.cause() : keys.cause();
      if (keys.succeeded()) keys.result().close();
      Future<Void> closed = log.succeeded() ? log.result().close() : Future.succeededFuture();
      return closed.transform(done -> Future.failedFuture(failure));
    });
  }

  /**
   * A start that failed: the search index opened beside it is closed (its lock released) once it
   * is open, by its indexer when one was made.
   */
  private static Future<Void> closeOnFailure(Vertx vertx, Future<SearchIndex> index, AtomicReference<SearchIndexer> indexer) {
    return index.transform(opened -> opened.succeeded() ? vertx.executeBlocking(() -> {
      if (indexer.get() != null) indexer.get().stop();
      else opened.result().close();
      return null;
    }, false) : Future.succeededFuture());
  }

  private static Future<DelingServer> serve(Vertx vertx, Config config, EventStore store, ReadSideStart.ReadSide side,
      Future<OpenAPIContract> contract, Future<SearchIndex> index, AtomicReference<SearchIndexer> made) {
    ReadModel model = side.model();
    Inbox inbox = side.inbox();
    return store.positionBeforeNewest(config.streamRetention()).map(retainFrom -> {
      // Only the newest events can be resumed from; older ones skip stream rendering at start-up.
      return new StreamHub(model, config.streamRetention(), config.streamQueue() * 3 / 4, retainFrom);
    }).compose(hub -> index.map(opened -> {
      // the index's own checkpoint: marks from the rebuild below start after it
      SearchIndexer indexer = new SearchIndexer(opened, model);
      made.set(indexer);
      indexer.wire();
      return new SearchService(new Search(opened, model), indexer);
    }).compose(search -> {
      long headAtStart = store.headPosition();
      if (store instanceof SealedEventStore sealed) {
        // another server on the same log may have erased someone: what this one holds of their keys goes too
        model.onApplied((e, position) -> {
          if (e instanceof no.deling.users.UserEvent.PersonErased erased) sealed.forget(erased.userId());
        });
      }
      // a deleted file's bytes leave the disk; so do an erased person's, or a past month's, which open no more
      no.deling.files.FileStore files = new no.deling.files.FileStore(config.filesPath());
      model.onApplied((e, position) -> {
        if (!(e instanceof no.deling.users.UserEvent.PersonErased) && !(e instanceof no.deling.privacy.RetentionEvent.RetentionApplied)
            && !(e instanceof no.deling.files.FileEvent.FileDeleted)) return;
        List<String> gone = model.files.drainForgotten();
        if (!gone.isEmpty()) vertx.executeBlocking(() -> {
          gone.forEach(files::delete);
          return null;
        }, false).onFailure(f -> LOG.warn("could not delete files' bytes: {}", f.toString()));
      });
      WhenEventAppliedPublishToStreams.wire(model, hub, inbox, headAtStart);
      ProjectionVerticle projection = new ProjectionVerticle(store, model, side.tail());
      SnapshotTaker snapshots = new SnapshotTaker(vertx, side.snapshots(), store, model, inbox, config.snapshotEvery(), config.snapshotSpacing(),
          config.snapshotMaxTail(), config.snapshotDiskReserveBytes(), side.restored());
      snapshots.wire(projection::runOnProjectionThread); // after the notifications' hand-over: a snapshot waits for it
      Future<TokenVerifier> verifier = TokenVerifier.create(vertx, config);
      java.util.concurrent.atomic.AtomicReference<no.deling.push.WebPushKeys> pushKeys = new java.util.concurrent.atomic.AtomicReference<>();
      return verifier
          .compose(v -> {
            // a snapshot read back: the stream's resume window and the search index may reach back before it (see below)
            if (side.restored() != null) {
              if (search.indexer().position() < model.position()) search.indexer().backlogFrom();
              if (hub.retainedAfter() < model.position()) hub.awaitEarlier(model.position());
            }
            return vertx.deployVerticle(projection, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER));
          })
          .compose(id -> finishInterruptedErasures(vertx, store, model))
          .compose(v -> snapshots.afterStartup(Math.min(config.snapshotEvery(), 100_000)))
          .compose(v -> vertx.executeBlocking(() -> no.deling.push.WebPushKeys.forServer(config), false))
          .compose(keys -> lastAppendedAt(store).map(last -> {
            pushKeys.set(keys);
            return last;
          }))
          .compose(lastAppendedAt -> {
            inbox.serving(); // rebuilt: notifications move to their own thread before the first request
            // caught up: a write is answered once it is applied, in one hand-off to its event loop (see AppliedGate);
            // the timer lets go of answers a stuck or lagging read side would hold too long
            store.answerThrough(model.appliedGate());
            vertx.setPeriodic(100, t -> model.appliedGate().release());
            search.indexer().serving();
            snapshots.serving();
            PostIds ids = new PostIds(config.nodeId());
            ids.notBefore(lastAppendedAt); // a clock set back since the last start must not mint the ids of posts made before it
            Wiring wiring = new Wiring(vertx, config, new CommandExecutor(vertx, store), model, inbox, ids, Clock.systemUTC(), search, snapshots,
                pushKeys.get());
            if (store instanceof SealedEventStore sealed) {
              no.deling.privacy.Retention.start(vertx, config.retentionDays(), sealed.keys(), wiring.commands(), Clock.systemUTC(), snapshots::shredOld);
            }
            no.deling.pulse.PulseFeed pulse = config.pulse() ? new no.deling.pulse.PulseFeed(vertx, model, config, wiring.commands()) : null;
            ServerMetrics metrics = new ServerMetrics(config.metricsToken(), store, model, hub, snapshots,
                no.deling.core.log.UnhandledFailures.of(vertx));
            StreamRoutes streams = new StreamRoutes(verifier.result(), hub, model, config, pulse);
            // HTTP verticles on event loops of their own, sharing the port (DELING_HTTP_INSTANCES, by
            // default half the cores: on two cores, two loops took more CPU per post than one and
            // posted less; see load-tests/RESULTS.md). Port 0 becomes Vert.x's shared random port
            // (-1), so every instance listens on the same free port.
            Wiring shared = config.httpPort() == 0 ? wiring.withConfig(config.withHttpPort(-1)) : wiring;
            List<ApiVerticle> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
            return vertx.deployVerticle(() -> {
              ApiVerticle api = new ApiVerticle(shared, verifier.result(), store, streams, metrics, contract);
              instances.add(api);
              return api;
            }, new DeploymentOptions().setInstances(Math.max(1, config.httpInstances())))
                .map(d -> {
                  // Work that may wait until requests are served, so that it does not compete with the start
                  // for two cores: the stream's resume window from before a snapshot (sockets wait for it),
                  // the search index reading what it missed before a snapshot, and a pulse refresh that fell
                  // due while the server was down (about 2 s of CPU each on 10M events).
                  if (side.restored() != null) {
                    ReadSideStart.fillStreamWindow(store, model, hub, side.restored().position());
                    ReadSideStart.backfillSearch(store, model, search.indexer(), side.restored().position());
                  }
                  no.deling.pulse.NetworkRefresh refresh = config.pulse() ? no.deling.pulse.NetworkRefresh.start(vertx, model, config, wiring.commands()) : null;
                  // polls whose time came while the server was down are closed now, the rest as their time comes
                  no.deling.polls.PollClosing closing = no.deling.polls.PollClosing.start(vertx, model, wiring.commands(), wiring.inputs(), config.pollSweepMs());
                  // a group whose last active owner left while a succession was cut short by a crash gets one now
                  wiring.ownerSuccession().everyGroup();
                  DelingServer server = new DelingServer(vertx, store, model, verifier.result(), instances.get(0), hub, metrics, inbox, search,
                      snapshots);
                  server.apiDeployment = d;
                  server.pulseRefresh = refresh;
                  server.pollClosing = closing;
                  // questions left unanswered go to their topics' owners after DELING_QUESTION_WAIT_MINUTES
                  server.waitingQuestions = no.deling.questions.WaitingQuestions.start(vertx, model, wiring.commands(),
                      config.waitingQuestions().afterMinutes(), config.waitingQuestions().sweepMs());
                  // uploads never put to use go after DELING_UNUSED_FILE_HOURS
                  server.unusedFiles = no.deling.files.UnusedFiles.start(vertx, model, wiring.commands(), config.unusedFileHours(), files);
                  // notifications left unread are emailed after DELING_EMAIL_AFTER_MINUTES (when DELING_SMTP_HOST is set)
                  server.mail = no.deling.email.UnreadNotificationMail.start(vertx, model, inbox, wiring.commands(), config.mail(), metrics.emails(),
                      Clock.systemUTC(), store instanceof SealedEventStore s ? s.keys() : null);
                  // new notifications are pushed to the devices people allowed (with push on)
                  server.push = no.deling.push.Pusher.start(vertx, model, inbox, wiring.commands(), config.push(), wiring.pushKeys(), metrics.pushes(),
                      Clock.systemUTC());
                  return server;
                });
          });
    }));
  }

  /** When the newest event of the log was appended (epoch millis; 0 for an empty log). */
  private static Future<Long> lastAppendedAt(EventStore store) {
    return store.positionBeforeNewest(1)
        .compose(before -> store.readAll(before, 1))
        .map(newest -> newest.isEmpty() ? 0L : newest.get(0).created());
  }

  /** Rebuilt: an erasure recorded before a crash cut it short gets its keys destroyed before anyone is served. */
  private static Future<Void> finishInterruptedErasures(Vertx vertx, EventStore store, ReadModel model) {
    if (!(store instanceof SealedEventStore sealed)) return Future.succeededFuture();
    List<String> erased = model.queries().people().erased();
    if (erased.isEmpty()) return Future.succeededFuture();
    return vertx.executeBlocking(() -> {
      int destroyed = 0;
      for (String id : erased) destroyed += sealed.keys().destroy(id); // what is gone already costs nothing
      if (destroyed > 0) LOG.warn("finished an interrupted erasure: {} keys destroyed", destroyed);
      return null;
    }, false);
  }

  public int port() {
    return api.port();
  }

  public ReadModel model() {
    return model;
  }

  public EventStore store() {
    return store;
  }

  public Inbox inbox() {
    return inbox;
  }

  public StreamHub streams() {
    return hub;
  }

  public SearchService search() {
    return search;
  }

  public TokenVerifier tokens() {
    return verifier;
  }

  /**
   * Shuts down in order: sockets are closed with 1001 "going away" (clients resume elsewhere with
   * {@code since}), the HTTP verticles stop accepting and finish what is in flight (up to
   * {@code DELING_SHUTDOWN_GRACE_MS}), then everything else is undeployed and the log closed, which
   * syncs and acknowledges whatever was committed.
   */
  public Future<Void> close() {
    if (pulseRefresh != null) pulseRefresh.stop();
    if (pollClosing != null) pollClosing.stop();
    if (waitingQuestions != null) waitingQuestions.stop();
    if (unusedFiles != null) unusedFiles.stop();
    if (mail != null) mail.stop();
    if (push != null) push.stop();
    hub.closeAll(StreamConnection.CLOSE_GOING_AWAY, "going_away");
    List<String> ids = List.copyOf(vertx.deploymentIDs());
    return Future.join(ids.stream().filter(id -> apiDeployment.equals(id)).map(vertx::undeploy).toList())
        // nothing new is accepted now: a snapshot of everything applied makes the next start replay nothing
        .transform(r -> snapshots.takeNow().onFailure(e -> LOG.error("could not write a read-model snapshot at shutdown", e)))
        .transform(r -> Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()))
        .transform(r -> {
          metrics.close();
          inbox.stop();
          // the index commits what it has made searchable, so a restart resumes from there
          return vertx.executeBlocking(() -> {
            search.indexer().stop();
            return null;
          }).transform(s -> store.close());
        });
  }
}
