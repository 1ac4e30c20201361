package no.deling.load.replay;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import no.deling.load.org.Action;
import no.deling.load.org.Person;
import no.deling.posts.PostText;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Plays a command stream against a running server through its public API, as each person (a
 * token signed per person), and measures it:
 *
 * <ol>
 *   <li>setup — everyone's first visit (their profile) and their follows, as fast as possible;
 *   <li>M WebSocket clients connect as followers and subscribe to their home stream;
 *   <li>activity — posts, replies and endorsements at a fixed arrival rate (open model: command i
 *       is due at start + i/rate whatever happened before, and its latency runs from that
 *       intended time, so a stalled server cannot hide behind a slowed-down client), or as fast
 *       as possible with a fixed number in flight; a warm-up first, then a bounded measured time;
 *   <li>drain — wait for the deliveries still on their way.
 * </ol>
 *
 * Each delivery is matched to its post by id and timed from the post's intended send time. Which
 * sockets should get a post follows the server's home rule (own posts, followed people, followed
 * topics) applied to the follows that setup actually made.
 */
public final class ReplayDriver {
  private static final long REQUEST_TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private final ReplayOptions o;
  private final WebClient http;
  private final JWTAuth jwt;
  private final Map<String, String> tokens = new HashMap<>();
  private final Map<String, Person> people = new HashMap<>();
  // what setup actually achieved
  private final Map<String, Set<String>> following = new HashMap<>();
  private final Map<String, Set<String>> topics = new HashMap<>();
  // activity bookkeeping (touched from event-loop threads)
  private final Map<String, String> refToId = new ConcurrentHashMap<>();
  /** Posts sent and not yet answered, by ref: what names one waits for its answer instead of being skipped. */
  private final Map<String, Promise<Void>> creating = new ConcurrentHashMap<>();
  /** Groups by ref, who is in each (by id), which are private, and each tool's {integration id, secret, group id}. */
  private final Map<String, String> groupRefToId = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> members = new ConcurrentHashMap<>();
  private final Set<String> privateGroups = ConcurrentHashMap.newKeySet();
  private final Map<String, String[]> tools = new ConcurrentHashMap<>();
  private final Recorder commandRecorder = new Recorder(3);
  private final Recorder deliveryRecorder = new Recorder(3);
  private final Histogram commandLatency = new Histogram(3);
  private final Histogram deliveryLatency = new Histogram(3);
  private final Map<String, Long> errors = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong warmupCommands = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  // deliveries: post id -> intended send time (ns), or WARMUP for posts we do not measure
  private static final long WARMUP = Long.MIN_VALUE;
  private final Object deliveryLock = new Object();
  private final Map<String, Long> intended = new HashMap<>();
  private final Map<String, List<Long>> earlyArrivals = new HashMap<>();
  private final AtomicLong expectedDeliveries = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final List<String> socketUsers = new ArrayList<>();
  private final List<WebSocket> sockets = new ArrayList<>();
  private WebSocketClient wsClient;

  public ReplayDriver(Vertx vertx, ReplayOptions options) {
    this.vertx = vertx;
    this.o = options;
    int pool = Math.max(options.concurrency(), options.rate() > 0 ? 512 : options.concurrency());
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost(options.target().getHost())
        .setDefaultPort(options.target().getPort()).setKeepAlive(true).setPipelining(false),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(pool));
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(options.jwtSecret()))));
  }

  public ReplayReport run(List<Action> commands, String title) throws Exception {
    List<Action> joins = new ArrayList<>();
    List<Action> follows = new ArrayList<>();
    List<Action> groups = new ArrayList<>();
    List<Action> activity = new ArrayList<>();
    for (Action a : commands) {
      if (a instanceof Action.Join j) {
        joins.add(a);
        people.put(j.actor(), j.person());
      } else if (a instanceof Action.FollowUser || a instanceof Action.FollowTopic) {
        follows.add(a);
      } else if (a.setup()) { // groups, tools, topics' owners and offers
        groups.add(a);
      } else {
        activity.add(a);
      }
    }
    // whoever appoints a topic's owners is the organisation's admin
    java.util.Set<String> admins = new java.util.HashSet<>();
    for (Action a : groups) if (a instanceof Action.AppointTopicOwner t) admins.add(t.actor());
    for (Person p : people.values()) tokens.put(p.id(), token(p, admins.contains(p.id())));

    // 1. setup
    long setupStart = System.nanoTime();
    Map<String, Long> setupErrors = new ConcurrentHashMap<>();
    AtomicLong setupOk = new AtomicLong();
    runClosed(byActor(joins), o.concurrency(), a -> request(HttpMethod.GET, "/api/me", a.actor(), null), setupOk, setupErrors, a -> {});
    runClosed(byActor(follows), o.concurrency(), this::follow, setupOk, setupErrors, this::followed);
    setUpGroups(groups, setupOk, setupErrors);
    double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
    ReplayReport.Setup setup = new ReplayReport.Setup(joins.size() + follows.size() + groups.size(), setupOk.get(), Map.copyOf(setupErrors),
        setupSeconds);

    // 2. followers' sockets
    connectSockets();

    // 3. activity
    List<ReplayReport.Second> timeline = java.util.Collections.synchronizedList(new ArrayList<>());
    MetricsSampler sampler = new MetricsSampler(vertx, o);
    long start = System.nanoTime();
    long warmupEnd = start + o.warmup().toNanos();
    long end = warmupEnd + o.duration().toNanos();
    long tick = vertx.setPeriodic(1_000, t -> timeline.add(second(timeline.size() + 1, System.nanoTime() < warmupEnd, sampler)));
    if (o.rate() > 0) openModel(activity, start, warmupEnd, end);
    else closedModel(activity, warmupEnd, end);
    long measuredEnd = Math.min(System.nanoTime(), end);
    awaitResponses();
    // 4. drain deliveries
    long drainUntil = System.nanoTime() + o.drain().toNanos();
    long last = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < drainUntil && delivered.get() < expectedDeliveries.get()) {
      if (delivered.get() != last) {
        last = delivered.get();
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince > 3_000_000_000L) {
        break;
      }
      Thread.sleep(20);
    }
    vertx.cancelTimer(tick);
    timeline.add(second(timeline.size() + 1, false, sampler));
    sampler.close();
    closeSockets();

    long unmatched;
    synchronized (deliveryLock) {
      unmatched = earlyArrivals.values().stream().mapToLong(List::size).sum();
    }
    double measuredSeconds = Math.max(0, (measuredEnd - warmupEnd) / 1e9);
    return new ReplayReport(title, o.rate(), socketUsers.size(), measuredSeconds, setup, warmupCommands.get(), sent.get(), ok.get(),
        Map.copyOf(errors), skipped.get(), commandLatency, expectedDeliveries.get(), delivered.get(), unmatched, deliveryLatency,
        List.copyOf(timeline), sampler.averageCpu(), sampler.maxHeapMb());
  }

  // ------------------------------------------------------------------ setup

  private Future<HttpResponse<Buffer>> follow(Action a) {
    if (a instanceof Action.FollowUser f) {
      return request(HttpMethod.PUT, "/api/me/following/users/" + encode(f.followee()), f.actor(), null);
    }
    Action.FollowTopic t = (Action.FollowTopic) a;
    return request(HttpMethod.PUT, "/api/me/following/topics/" + encode(t.tag()), t.actor(), null);
  }

  private void followed(Action a) {
    synchronized (following) {
      if (a instanceof Action.FollowUser f) following.computeIfAbsent(f.actor(), k -> new HashSet<>()).add(f.followee());
      else if (a instanceof Action.FollowTopic t) topics.computeIfAbsent(t.actor(), k -> new HashSet<>()).add(PostText.normaliseTag(t.tag()));
    }
  }

  /**
   * The groups, their members, their tools and the topics' owners, in that order: groups all at once, each group's
   * joins one after another (they all write its stream; groups in parallel), then the tools. A
   * private group's member is invited by its owner and accepts, one setup command.
   */
  private void setUpGroups(List<Action> groups, AtomicLong okCount, Map<String, Long> errorCount) throws Exception {
    if (groups.isEmpty()) return;
    java.util.function.Consumer<io.vertx.core.AsyncResult<HttpResponse<Buffer>>> done = ar -> {
      String problem = problem(ar.succeeded() ? ar.result() : null, ar.cause());
      if (problem == null) okCount.incrementAndGet();
      else errorCount.merge(problem, 1L, Long::sum);
    };
    List<Future<?>> created = new ArrayList<>();
    for (Action a : groups) {
      if (!(a instanceof Action.CreateGroup g)) continue;
      created.add(onLoop(() -> request(HttpMethod.POST, "/api/groups", g.actor(),
          new JsonObject().put("name", g.name()).put("access", g.isPrivate() ? "private" : "open")).andThen(done::accept).onSuccess(r -> {
            String id = r.statusCode() == 201 ? r.bodyAsJsonObject().getString("id") : null;
            if (id == null) return;
            groupRefToId.put(g.ref(), id);
            members.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(g.actor());
            if (g.isPrivate()) privateGroups.add(id);
          })).otherwiseEmpty());
    }
    await(Future.join(created));
    Map<String, List<Action.JoinGroup>> joinsByGroup = new java.util.LinkedHashMap<>();
    for (Action a : groups) if (a instanceof Action.JoinGroup j) joinsByGroup.computeIfAbsent(j.groupRef(), k -> new ArrayList<>()).add(j);
    List<Future<?>> joined = new ArrayList<>();
    for (List<Action.JoinGroup> chain : joinsByGroup.values()) {
      joined.add(onLoop(() -> {
        Future<Void> all = Future.succeededFuture();
        for (Action.JoinGroup j : chain) all = all.compose(v -> join(j).andThen(done::accept).<Void>mapEmpty().otherwiseEmpty());
        return all;
      }));
    }
    await(Future.join(joined));
    List<Future<?>> connected = new ArrayList<>();
    for (Action a : groups) {
      if (!(a instanceof Action.ConnectTool t)) continue;
      String group = groupRefToId.get(t.groupRef());
      if (group == null) continue;
      connected.add(onLoop(() -> request(HttpMethod.POST, "/api/groups/" + group + "/integrations", t.actor(), new JsonObject().put("name", t.name()))
          .andThen(done::accept).onSuccess(r -> {
            if (r.statusCode() == 201) {
              tools.put(t.ref(), new String[] {r.bodyAsJsonObject().getString("id"), r.bodyAsJsonObject().getString("secret"), group});
            }
          })).otherwiseEmpty());
    }
    await(Future.join(connected));
    // topics' owners, one topic after another (each writes its topic's stream)
    Future<Void> appointed = Future.succeededFuture();
    for (Action a : groups) {
      if (!(a instanceof Action.AppointTopicOwner t)) continue;
      appointed = appointed.compose(v -> onLoop(() -> request(HttpMethod.PUT, "/api/topics/" + encode(t.tag()) + "/owners/" + encode(t.owner()), t.actor(), null)
          .andThen(done::accept).<Void>mapEmpty().otherwiseEmpty()));
    }
    for (Action a : groups) {
      if (!(a instanceof Action.OfferToLookAfterTopic t)) continue;
      appointed = appointed.compose(v -> onLoop(() -> request(HttpMethod.PUT, "/api/topics/" + encode(t.tag()) + "/offers/" + encode(t.actor()), t.actor(),
          new io.vertx.core.json.JsonObject().put("note", t.note())).andThen(done::accept).<Void>mapEmpty().otherwiseEmpty()));
    }
    await(appointed);
  }

  private Future<HttpResponse<Buffer>> join(Action.JoinGroup j) {
    String group = groupRefToId.get(j.groupRef());
    if (group == null) return Future.failedFuture("no group " + j.groupRef());
    String path = "/api/groups/" + group + "/members/" + encode(j.actor());
    Future<HttpResponse<Buffer>> invited = j.invitedBy() == null ? Future.succeededFuture(null) : request(HttpMethod.PUT, path, j.invitedBy(), null);
    return invited.compose(v -> request(HttpMethod.PUT, path, j.actor(), null)).onSuccess(r -> {
      if (r.statusCode() == 200) members.computeIfAbsent(group, k -> ConcurrentHashMap.newKeySet()).add(j.actor());
    });
  }

  private <T> Future<T> onLoop(java.util.function.Supplier<Future<T>> work) {
    io.vertx.core.Promise<T> p = io.vertx.core.Promise.promise();
    vertx.runOnContext(v -> work.get().onComplete(p));
    return p.future();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }

  /**
   * Runs each chain's actions one after another, {@code parallel} chains at a time, and waits for
   * all. One person's follows form a chain, as a person clicks follow one at a time (in parallel
   * they would all race for the same follow stream).
   */
  private void runClosed(List<List<Action>> chains, int parallel, Function<Action, Future<HttpResponse<Buffer>>> call,
      AtomicLong okCount, Map<String, Long> errorCount, java.util.function.Consumer<Action> onOk) throws InterruptedException {
    if (chains.isEmpty()) return;
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(chains.size());
    Runnable[] launch = new Runnable[1];
    launch[0] = () -> {
      int i = next.getAndIncrement();
      if (i < chains.size()) runChain(chains.get(i), 0, call, okCount, errorCount, onOk, () -> {
        done.countDown();
        launch[0].run();
      });
    };
    vertx.runOnContext(v -> {
      for (int k = 0; k < Math.min(parallel, chains.size()); k++) launch[0].run();
    });
    if (!done.await(ReplayOptions.MAX_DURATION.toMillis(), TimeUnit.MILLISECONDS)) throw new IllegalStateException("setup did not finish");
  }

  private void runChain(List<Action> chain, int index, Function<Action, Future<HttpResponse<Buffer>>> call, AtomicLong okCount,
      Map<String, Long> errorCount, java.util.function.Consumer<Action> onOk, Runnable finished) {
    if (index >= chain.size()) {
      finished.run();
      return;
    }
    Action a = chain.get(index);
    call.apply(a).onComplete(ar -> {
      String problem = problem(ar.succeeded() ? ar.result() : null, ar.cause());
      if (problem == null) {
        okCount.incrementAndGet();
        onOk.accept(a);
      } else {
        errorCount.merge(problem, 1L, Long::sum);
      }
      runChain(chain, index + 1, call, okCount, errorCount, onOk, finished);
    });
  }

  private static List<List<Action>> byActor(List<Action> actions) {
    Map<String, List<Action>> chains = new java.util.LinkedHashMap<>();
    for (Action a : actions) chains.computeIfAbsent(a.actor(), k -> new ArrayList<>()).add(a);
    return new ArrayList<>(chains.values());
  }

  // ------------------------------------------------------------------ sockets

  private void connectSockets() throws Exception {
    if (o.sockets() == 0) return;
    // the people who follow the most, so that deliveries happen
    List<String> candidates = new ArrayList<>(people.keySet());
    candidates.sort(Comparator.comparingInt((String u) -> -(following.getOrDefault(u, Set.of()).size()
        + topics.getOrDefault(u, Set.of()).size())).thenComparing(u -> u));
    wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(o.sockets() + 1).setConnectTimeout(30_000));
    int n = Math.min(o.sockets(), candidates.size());
    CountDownLatch subscribed = new CountDownLatch(n);
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    Runnable[] connectNext = new Runnable[1];
    connectNext[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= n) return;
      String user = candidates.get(i);
      WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(o.target().getHost()).setPort(o.target().getPort())
          .setURI("/api/stream").addHeader("Authorization", "Bearer " + tokens.get(user));
      wsClient.connect(options).onComplete(ar -> {
        if (ar.failed()) {
          failed.incrementAndGet();
          subscribed.countDown();
        } else {
          WebSocket ws = ar.result();
          boolean[] acked = {false};
          ws.textMessageHandler(text -> {
            JsonObject m = new JsonObject(text);
            String type = m.getString("type");
            if ("update".equals(type)) {
              arrived(m.getJsonObject("post").getString("id"), System.nanoTime());
            } else if (!acked[0] && ("subscribed".equals(type) || "error".equals(type))) {
              acked[0] = true;
              if ("error".equals(type)) failed.incrementAndGet();
              subscribed.countDown();
            }
          });
          synchronized (sockets) {
            sockets.add(ws);
            socketUsers.add(user);
          }
          ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("stream", "home").encode());
        }
        connectNext[0].run();
      });
    };
    vertx.runOnContext(v -> {
      for (int k = 0; k < Math.min(200, n); k++) connectNext[0].run();
    });
    if (!subscribed.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("sockets did not subscribe in time");
    if (failed.get() > 0) throw new IllegalStateException(failed.get() + " of " + n + " sockets could not connect or subscribe");
  }

  private void closeSockets() {
    synchronized (sockets) {
      for (WebSocket ws : sockets) ws.close();
    }
    if (wsClient != null) wsClient.close();
  }

  private void arrived(String postId, long now) {
    long sentAt;
    synchronized (deliveryLock) {
      Long t = intended.get(postId);
      if (t == null) {
        earlyArrivals.computeIfAbsent(postId, k -> new ArrayList<>()).add(now);
        return;
      }
      sentAt = t;
    }
    if (sentAt == WARMUP) return;
    deliveryRecorder.recordValue(Math.max(0, (now - sentAt) / 1_000));
    delivered.incrementAndGet();
  }

  /**
   * A post was created: it is due at the sockets whose home it belongs to, as the server's home
   * rule has it: a private group's post reaches its members; any other reaches its author, the
   * author's and its topics' followers, and its group's members.
   */
  private void created(String postId, String author, String group, String text, long intendedNanos, boolean measured) {
    List<Long> early;
    synchronized (deliveryLock) {
      intended.put(postId, measured ? intendedNanos : WARMUP);
      early = earlyArrivals.remove(postId);
    }
    if (!measured) return;
    List<String> tags = PostText.hashtags(text);
    Set<String> inGroup = group == null ? Set.of() : members.getOrDefault(group, Set.of());
    boolean privateGroup = group != null && privateGroups.contains(group);
    long due = 0;
    synchronized (following) {
      for (String u : socketUsers) {
        if (privateGroup) {
          if (inGroup.contains(u)) due++;
        } else if (u.equals(author) || inGroup.contains(u) || following.getOrDefault(u, Set.of()).contains(author)) {
          due++;
        } else {
          Set<String> mine = topics.getOrDefault(u, Set.of());
          for (String t : tags) {
            if (mine.contains(t)) {
              due++;
              break;
            }
          }
        }
      }
    }
    expectedDeliveries.addAndGet(due);
    if (early != null) {
      for (long at : early) {
        deliveryRecorder.recordValue(Math.max(0, (at - intendedNanos) / 1_000));
        delivered.incrementAndGet();
      }
    }
  }

  // ------------------------------------------------------------------ activity

  private void openModel(List<Action> activity, long start, long warmupEnd, long end) {
    long limit = Math.min(activity.size(), o.maxCommands());
    for (int i = 0; i < limit; i++) {
      long due = start + (long) (i * 1e9 / o.rate());
      if (due >= end) break;
      long wait = due - System.nanoTime();
      if (wait > 0) LockSupport.parkNanos(wait);
      Action a = activity.get(i);
      boolean measured = due >= warmupEnd;
      inFlight.incrementAndGet(); // counted here, so awaitResponses cannot miss a command still being dispatched
      vertx.runOnContext(v -> send(a, due, measured).onComplete(x -> inFlight.decrementAndGet()));
    }
  }

  private void closedModel(List<Action> activity, long warmupEnd, long end) throws InterruptedException {
    long limit = Math.min(activity.size(), o.maxCommands());
    AtomicInteger next = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(o.concurrency());
    Runnable[] launch = new Runnable[1];
    launch[0] = () -> {
      int i = next.getAndIncrement();
      long now = System.nanoTime();
      if (i >= limit || now >= end) {
        finished.countDown();
        return;
      }
      send(activity.get(i), now, now >= warmupEnd).onComplete(x -> launch[0].run());
    };
    vertx.runOnContext(v -> {
      for (int k = 0; k < o.concurrency(); k++) launch[0].run();
    });
    finished.await();
  }

  /**
   * Sends {@code a} once the posts it names are created. A reply, an endorsement or a vote often
   * follows its post within the same moment, and is then sent while that post's answer is still on
   * its way: it waits for it, as a person cannot endorse a post before it is there (skipping them
   * left out a fifth of a fast replay's commands). One whose post failed or was never sent is skipped.
   */
  private Future<Void> send(Action a, long intendedNanos, boolean measured) {
    List<Future<Void>> waits = null;
    for (String ref : postsNamed(a)) {
      Promise<Void> pending = ref == null || refToId.containsKey(ref) ? null : creating.get(ref);
      if (pending == null) continue;
      if (waits == null) waits = new ArrayList<>(2);
      waits.add(pending.future());
    }
    // known as being created from now on, so a reply to a reply still waiting for its own post waits too
    String ref = a instanceof Action.Publish p ? p.ref() : a instanceof Action.ToolPost t ? t.ref() : null;
    Promise<Void> creation = ref == null ? null : Promise.promise();
    if (creation != null) creating.put(ref, creation);
    Future<Void> sending = waits == null ? sendNow(a, intendedNanos, measured)
        : Future.join(waits).transform(x -> sendNow(a, intendedNanos, measured));
    if (creation != null) sending.onComplete(x -> {
      creating.remove(ref);
      creation.complete(); // created or not: what waits for it now finds its id, or is skipped
    });
    return sending;
  }

  private static List<String> postsNamed(Action a) {
    if (a instanceof Action.Publish p) return p.parentRef() == null ? List.of() : List.of(p.parentRef());
    if (a instanceof Action.Endorse e) return List.of(e.postRef());
    if (a instanceof Action.Accept c) return List.of(c.questionRef(), c.answerRef());
    if (a instanceof Action.EndorseSkill k) return k.evidenceRef() == null ? List.of() : List.of(k.evidenceRef());
    if (a instanceof Action.Vote v) return List.of(v.pollRef());
    if (a instanceof Action.Save v) return List.of(v.postRef());
    return List.of();
  }

  private Future<Void> sendNow(Action a, long intendedNanos, boolean measured) {
    Future<HttpResponse<Buffer>> call;
    if (a instanceof Action.Publish p) {
      JsonObject body = new JsonObject().put("text", p.text());
      if (p.kind() != null) body.put("kind", p.kind());
      if (p.options() != null) body.put("poll", new JsonObject().put("options", new io.vertx.core.json.JsonArray(p.options())));
      if (p.parentRef() != null) {
        String parent = refToId.get(p.parentRef());
        if (parent == null) return skip();
        body.put("inReplyTo", parent);
      }
      if (p.groupRef() != null) {
        String group = groupRefToId.get(p.groupRef());
        if (group == null) return skip();
        body.put("group", group);
      }
      call = request(HttpMethod.POST, "/api/posts", p.actor(), body);
    } else if (a instanceof Action.ToolPost t) {
      String[] tool = tools.get(t.actor());
      if (tool == null) return skip();
      call = http.request(HttpMethod.POST, "/hooks/" + tool[0]).timeout(REQUEST_TIMEOUT_MS).putHeader("Authorization", "Bearer " + tool[1])
          .sendJsonObject(new JsonObject().put("text", t.text()));
    } else if (a instanceof Action.Endorse e) {
      String post = refToId.get(e.postRef());
      if (post == null) return skip();
      call = request(HttpMethod.PUT, "/api/posts/" + post + "/endorsement", e.actor(), null);
    } else if (a instanceof Action.Accept c) {
      String question = refToId.get(c.questionRef());
      String answer = refToId.get(c.answerRef());
      if (question == null || answer == null) return skip();
      call = request(HttpMethod.PUT, "/api/posts/" + question + "/accepted-answer", c.actor(), new JsonObject().put("answer", answer));
    } else if (a instanceof Action.EndorseSkill k) {
      JsonObject body = new JsonObject().put("topic", k.topic());
      if (k.evidenceRef() != null) {
        String evidence = refToId.get(k.evidenceRef());
        if (evidence == null) return skip();
        body.put("evidence", evidence);
      }
      call = request(HttpMethod.POST, "/api/users/" + k.user() + "/skills", k.actor(), body);
    } else if (a instanceof Action.Vote v) {
      String poll = refToId.get(v.pollRef());
      if (poll == null) return skip();
      call = request(HttpMethod.PUT, "/api/posts/" + poll + "/vote", v.actor(), new JsonObject().put("option", v.option()));
    } else if (a instanceof Action.Save v) {
      String post = refToId.get(v.postRef());
      if (post == null) return skip();
      call = request(HttpMethod.PUT, "/api/posts/" + post + "/saved", v.actor(), null);
    } else if (a instanceof Action.Bookmark b) {
      JsonObject body = new JsonObject().put("url", b.url()).put("tags", new io.vertx.core.json.JsonArray(b.tags()));
      if (b.comment() != null) body.put("comment", b.comment());
      call = request(HttpMethod.POST, "/api/bookmarks", b.actor(), body);
    } else {
      return Future.succeededFuture();
    }
    sent.incrementAndGet();
    if (!measured) warmupCommands.incrementAndGet();
    Promise<Void> done = Promise.promise();
    call.onComplete(ar -> {
      long now = System.nanoTime();
      String problem = problem(ar.succeeded() ? ar.result() : null, ar.cause());
      if (problem == null) {
        ok.incrementAndGet();
        if (measured) commandRecorder.recordValue(Math.max(0, (now - intendedNanos) / 1_000));
        if (a instanceof Action.Publish p) {
          String id = ar.result().bodyAsJsonObject().getString("id");
          refToId.put(p.ref(), id);
          created(id, p.actor(), p.groupRef() == null ? null : groupRefToId.get(p.groupRef()), p.text(), intendedNanos, measured);
        } else if (a instanceof Action.ToolPost t) {
          String id = ar.result().bodyAsJsonObject().getString("id");
          refToId.put(t.ref(), id);
          String[] tool = tools.get(t.actor());
          created(id, "app." + tool[0], tool[2], t.text(), intendedNanos, measured);
        }
      } else {
        errors.merge(problem, 1L, Long::sum);
      }
      done.complete();
    });
    return done.future();
  }

  private Future<Void> skip() {
    skipped.incrementAndGet();
    return Future.succeededFuture();
  }

  private void awaitResponses() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REQUEST_TIMEOUT_MS + 5_000);
    while (inFlight.get() > 0 && System.nanoTime() < until) Thread.sleep(10);
  }

  // ------------------------------------------------------------------ plumbing

  private Future<HttpResponse<Buffer>> request(HttpMethod method, String path, String user, JsonObject body) {
    HttpRequest<Buffer> r = http.request(method, path).timeout(REQUEST_TIMEOUT_MS)
        .putHeader("Authorization", "Bearer " + tokens.get(user));
    return body == null ? r.send() : r.sendJsonObject(body);
  }

  /** Null when the response is a success, else the error's kind for the report. */
  private static String problem(HttpResponse<Buffer> response, Throwable failure) {
    if (response != null) {
      int s = response.statusCode();
      return s >= 200 && s < 300 ? null : "HTTP " + s;
    }
    if (failure instanceof java.util.concurrent.TimeoutException || String.valueOf(failure).contains("timeout")) return "timeout";
    return "connection: " + (failure == null ? "unknown" : failure.getClass().getSimpleName());
  }

  private String token(Person p, boolean admin) {
    JsonObject claims = new JsonObject().put("sub", p.id()).put("name", p.name());
    if (admin) claims.put("roles", new io.vertx.core.json.JsonArray().add("admin"));
    if (p.department() != null) claims.put("department", p.department());
    if (p.location() != null) claims.put("location", p.location());
    if (p.title() != null) claims.put("title", p.title());
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(120));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private synchronized ReplayReport.Second second(int n, boolean warmup, MetricsSampler sampler) {
    Histogram c = commandRecorder.getIntervalHistogram();
    Histogram d = deliveryRecorder.getIntervalHistogram();
    commandLatency.add(c);
    deliveryLatency.add(d);
    MetricsSampler.Sample s = sampler.sample();
    return new ReplayReport.Second(n, warmup, c.getTotalCount(), ReplayReport.ms(c, 50), ReplayReport.ms(c, 99), c.getMaxValue() / 1000.0,
        d.getTotalCount(), ReplayReport.ms(d, 50), ReplayReport.ms(d, 99), d.getMaxValue() / 1000.0,
        s == null ? null : s.cpu(), s == null ? null : s.heapMb());
  }

  public void close() {
    http.close();
  }
}
