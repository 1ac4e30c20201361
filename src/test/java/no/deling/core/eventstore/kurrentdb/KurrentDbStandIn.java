package no.deling.core.eventstore.kurrentdb;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.kurrent.dbclient.proto.serverfeatures.ServerFeaturesGrpc;
import io.kurrent.dbclient.proto.serverfeatures.Serverfeatures.SupportedMethod;
import io.kurrent.dbclient.proto.serverfeatures.Serverfeatures.SupportedMethods;
import io.kurrent.dbclient.proto.shared.Shared;
import io.kurrent.dbclient.proto.streams.StreamsGrpc;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.AppendReq;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.AppendResp;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.ReadReq;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.ReadResp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An in-process stand-in for a single KurrentDB node, speaking the real gRPC protocol (the
 * service base classes bundled in the official client jar), so the adapter is exercised on every
 * CI run where no container engine exists.
 *
 * <p>What it implements: {@code ServerFeatures.GetSupportedMethods}; {@code Streams.Append}
 * (expected revision any / no stream / exact / stream exists, idempotent re-append of the same
 * event ids answered with {@code no_position} as a real node may); {@code Streams.Read} for
 * streams and {@code $all}, forwards and backwards with a count, and subscriptions to {@code
 * $all} (confirmation, catch-up, {@code caught_up}, live, event-type / stream-name filters with
 * checkpoints) with flow control.
 *
 * <p>What it does not: subscriptions to a single stream, {@code BatchAppend}, deletes, links,
 * ACLs, TLS, clustering and gossip, persistence to disk (the log lives in memory and survives
 * {@link #stop()}/{@link #start()} as a durable node's would). Unimplemented calls answer
 * UNIMPLEMENTED and are not advertised.
 *
 * <p>Positions are sparse and byte-like (each record advances the log by its size), as in
 * KurrentDB, so nothing downstream may assume dense positions.
 */
public final class KurrentDbStandIn implements AutoCloseable {
  private static final long TICKS_PER_MILLI = 10_000;

  private final Object lock = new Object();
  private final List<Rec> all = new ArrayList<>();
  private final Map<String, List<Rec>> streams = new HashMap<>();
  private final AtomicInteger subscriptions = new AtomicInteger();
  private final AtomicInteger toHold = new AtomicInteger();
  private final java.util.Set<AllSubscription> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private long nextPosition = 4_096;
  private int port;
  private volatile Server server;
  private volatile long slowStartMs;

  private record Rec(String stream, long revision, long position, UUID id, String type, String contentType,
      ByteString data, ByteString customMetadata, long createdTicks) {}

  /** Starts on a random loopback port. */
  public static KurrentDbStandIn start0() throws IOException {
    KurrentDbStandIn s = new KurrentDbStandIn();
    s.start();
    return s;
  }

  /** (Re)starts the node; after a {@link #stop()} it comes back on the same port with its log. */
  public synchronized void start() throws IOException {
    if (server != null) return;
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
        .addService(new Features())
        .addService(new Streams())
        .build()
        .start();
    port = server.getPort();
  }

  /**
   * Takes the node down as a killed process would look to clients: open calls fail UNAVAILABLE
   * (a reset connection), new connections are refused; the log is kept.
   */
  public synchronized void stop() throws InterruptedException {
    if (server == null) return;
    endSubscriptions(Status.UNAVAILABLE.withDescription("stand-in node stopped"));
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    server = null;
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  /**
   * Ends every open subscription with CANCELLED while staying up. The official client swallows
   * CANCELLED without telling the listener, so this is how a silently stalled feed looks.
   */
  public void dropSubscriptionsSilently() {
    endSubscriptions(Status.CANCELLED.withDescription("stand-in dropped the subscription"));
  }

  /**
   * The next {@code n} subscriptions are taken and then never answered: no confirmation, no event,
   * no error, until the client gives up on them. How a node that hangs looks to a subscriber.
   */
  public void holdNextSubscriptions(int n) {
    toHold.set(n);
  }

  /**
   * Every subscription from now on is confirmed at once but sends nothing, not even a checkpoint,
   * for {@code delay}: how a node looks that reads cold chunks from disk while it is under load.
   */
  public void slowStartOfSubscriptions(java.time.Duration delay) {
    slowStartMs = delay.toMillis();
  }

  private void endSubscriptions(Status status) {
    for (AllSubscription s : live) s.end(status);
    live.clear();
  }

  public int port() {
    return port;
  }

  public String connectionString() {
    return "kurrentdb://127.0.0.1:" + port + "?tls=false";
  }

  public int eventCount() {
    synchronized (lock) {
      return all.size();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private final class Features extends ServerFeaturesGrpc.ServerFeaturesImplBase {
    @Override
    public void getSupportedMethods(Shared.Empty request, StreamObserver<SupportedMethods> out) {
      String service = "event_store.client.streams.streams";
      out.onNext(SupportedMethods.newBuilder()
          .setEventStoreServerVersion("25.0.0-standin")
          .addMethods(SupportedMethod.newBuilder().setServiceName(service).setMethodName("read"))
          .addMethods(SupportedMethod.newBuilder().setServiceName(service).setMethodName("append"))
          .build());
      out.onCompleted();
    }
  }

  private final class Streams extends StreamsGrpc.StreamsImplBase {
    @Override
    public StreamObserver<AppendReq> append(StreamObserver<AppendResp> out) {
      return new StreamObserver<>() {
        AppendReq.Options options;
        final List<AppendReq.ProposedMessage> proposed = new ArrayList<>();

        @Override
        public void onNext(AppendReq req) {
          if (req.hasOptions()) options = req.getOptions();
          else proposed.add(req.getProposedMessage());
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          if (options == null) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("options must come first").asRuntimeException());
            return;
          }
          out.onNext(appendLocked(options, proposed));
          out.onCompleted();
        }
      };
    }

    @Override
    public void read(ReadReq request, StreamObserver<ReadResp> out) {
      ReadReq.Options o = request.getOptions();
      ServerCallStreamObserver<ReadResp> call = (ServerCallStreamObserver<ReadResp>) out;
      if (o.hasSubscription()) {
        if (!o.hasAll()) {
          out.onError(Status.UNIMPLEMENTED.withDescription("stand-in: stream subscriptions are not implemented").asRuntimeException());
          return;
        }
        new AllSubscription(o, call).start();
        return;
      }
      boolean forwards = o.getReadDirection() == ReadReq.Options.ReadDirection.Forwards;
      long count = o.getCount();
      List<ReadResp> page = new ArrayList<>();
      synchronized (lock) {
        if (o.hasStream()) {
          String name = o.getStream().getStreamIdentifier().getStreamName().toStringUtf8();
          List<Rec> s = streams.get(name);
          if (s == null) {
            page.add(ReadResp.newBuilder().setStreamNotFound(ReadResp.StreamNotFound.newBuilder()
                .setStreamIdentifier(o.getStream().getStreamIdentifier())).build());
          } else {
            ReadReq.Options.StreamOptions so = o.getStream();
            long from = so.hasStart() ? (forwards ? 0 : -1) : so.hasEnd() ? (forwards ? s.size() : s.size() - 1) : so.getRevision();
            if (!forwards && from >= s.size()) from = s.size() - 1;
            for (long r = from; r >= 0 && r < s.size() && page.size() < count; r += forwards ? 1 : -1) {
              page.add(event(s.get((int) r), o));
            }
          }
        } else {
          ReadReq.Options.AllOptions ao = o.getAll();
          int i;
          if (ao.hasStart()) i = forwards ? 0 : -1;
          else if (ao.hasEnd()) i = forwards ? all.size() : all.size() - 1;
          else i = forwards ? firstAtOrAfter(ao.getPosition().getCommitPosition()) : firstAtOrAfter(ao.getPosition().getCommitPosition() + 1) - 1;
          Predicate<Rec> filter = filter(o);
          for (; i >= 0 && i < all.size() && page.size() < count; i += forwards ? 1 : -1) {
            if (filter.test(all.get(i))) page.add(event(all.get(i), o));
          }
        }
      }
      for (ReadResp r : page) {
        if (call.isCancelled()) return;
        out.onNext(r);
      }
      out.onCompleted();
    }
  }

  private AppendResp appendLocked(AppendReq.Options options, List<AppendReq.ProposedMessage> proposed) {
    String name = options.getStreamIdentifier().getStreamName().toStringUtf8();
    synchronized (lock) {
      List<Rec> s = streams.getOrDefault(name, List.of());
      long current = s.size() - 1;
      Long idempotentLast = idempotentMatch(s, options, proposed);
      if (idempotentLast != null) {
        // A real node recognises a retried write and answers success without a log position.
        return AppendResp.newBuilder().setSuccess(AppendResp.Success.newBuilder()
            .setCurrentRevision(idempotentLast).setNoPosition(Shared.Empty.getDefaultInstance())).build();
      }
      boolean ok = switch (options.getExpectedStreamRevisionCase()) {
        case ANY -> true;
        case NO_STREAM -> current < 0;
        case STREAM_EXISTS -> current >= 0;
        case REVISION -> options.getRevision() == current;
        default -> true;
      };
      if (!ok) return wrongExpected(options, current);
      if (proposed.isEmpty()) {
        AppendResp.Success.Builder success = AppendResp.Success.newBuilder().setNoPosition(Shared.Empty.getDefaultInstance());
        if (current < 0) success.setNoStream(Shared.Empty.getDefaultInstance());
        else success.setCurrentRevision(current);
        return AppendResp.newBuilder().setSuccess(success).build();
      }
      List<Rec> target = streams.computeIfAbsent(name, k -> new ArrayList<>());
      long createdTicks = System.currentTimeMillis() * TICKS_PER_MILLI;
      long position = 0;
      for (AppendReq.ProposedMessage m : proposed) {
        position = nextPosition;
        Rec rec = new Rec(name, target.size(), position, uuid(m.getId()), m.getMetadataOrDefault("type", ""),
            m.getMetadataOrDefault("content-type", "application/octet-stream"), m.getData(), m.getCustomMetadata(), createdTicks);
        target.add(rec);
        all.add(rec);
        nextPosition += 64 + name.length() + m.getData().size() + m.getCustomMetadata().size();
      }
      lock.notifyAll();
      return AppendResp.newBuilder().setSuccess(AppendResp.Success.newBuilder()
          .setCurrentRevision(target.size() - 1)
          .setPosition(AppendResp.Position.newBuilder().setCommitPosition(position).setPreparePosition(position))).build();
    }
  }

  /** The last revision of an already-written identical batch at the expected place, else null. */
  private static Long idempotentMatch(List<Rec> s, AppendReq.Options options, List<AppendReq.ProposedMessage> proposed) {
    if (proposed.isEmpty() || s.isEmpty()) return null;
    long start;
    switch (options.getExpectedStreamRevisionCase()) {
      case NO_STREAM -> start = 0;
      case REVISION -> start = options.getRevision() + 1;
      default -> {
        UUID first = uuid(proposed.get(0).getId());
        start = -1;
        for (Rec r : s) {
          if (r.id().equals(first)) {
            start = r.revision();
            break;
          }
        }
        if (start < 0) return null;
      }
    }
    if (start + proposed.size() > s.size()) return null;
    for (int i = 0; i < proposed.size(); i++) {
      if (!s.get((int) start + i).id().equals(uuid(proposed.get(i).getId()))) return null;
    }
    return start + proposed.size() - 1;
  }

  private static AppendResp wrongExpected(AppendReq.Options options, long current) {
    AppendResp.WrongExpectedVersion.Builder w = AppendResp.WrongExpectedVersion.newBuilder();
    if (current < 0) w.setCurrentNoStream(Shared.Empty.getDefaultInstance());
    else w.setCurrentRevision(current);
    switch (options.getExpectedStreamRevisionCase()) {
      case NO_STREAM -> w.setExpectedNoStream(Shared.Empty.getDefaultInstance());
      case STREAM_EXISTS -> w.setExpectedStreamExists(Shared.Empty.getDefaultInstance());
      case REVISION -> w.setExpectedRevision(options.getRevision());
      default -> w.setExpectedAny(Shared.Empty.getDefaultInstance());
    }
    return AppendResp.newBuilder().setWrongExpectedVersion(w).build();
  }

  /** Index of the first record whose position is at least {@code position}. */
  private int firstAtOrAfter(long position) {
    int lo = 0;
    int hi = all.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (all.get(mid).position() < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static Predicate<Rec> filter(ReadReq.Options o) {
    if (!o.hasFilter()) return r -> true;
    ReadReq.Options.FilterOptions f = o.getFilter();
    boolean byType = f.hasEventType();
    ReadReq.Options.FilterOptions.Expression e = byType ? f.getEventType() : f.getStreamIdentifier();
    Predicate<String> matches;
    if (!e.getRegex().isEmpty()) {
      Pattern p = Pattern.compile(e.getRegex());
      matches = v -> p.matcher(v).find();
    } else {
      List<String> prefixes = e.getPrefixList();
      matches = v -> prefixes.stream().anyMatch(v::startsWith);
    }
    return r -> matches.test(byType ? r.type() : r.stream());
  }

  private static ReadResp event(Rec r, ReadReq.Options o) {
    Shared.UUID id = o.getUuidOption().hasString()
        ? Shared.UUID.newBuilder().setString(r.id().toString()).build()
        : Shared.UUID.newBuilder().setStructured(Shared.UUID.Structured.newBuilder()
            .setMostSignificantBits(r.id().getMostSignificantBits())
            .setLeastSignificantBits(r.id().getLeastSignificantBits())).build();
    return ReadResp.newBuilder().setEvent(ReadResp.ReadEvent.newBuilder()
        .setEvent(ReadResp.ReadEvent.RecordedEvent.newBuilder()
            .setId(id)
            .setStreamIdentifier(Shared.StreamIdentifier.newBuilder().setStreamName(ByteString.copyFromUtf8(r.stream())))
            .setStreamRevision(r.revision())
            .setCommitPosition(r.position())
            .setPreparePosition(r.position())
            .putMetadata("type", r.type())
            .putMetadata("content-type", r.contentType())
            .putMetadata("created", Long.toString(r.createdTicks()))
            .setCustomMetadata(r.customMetadata())
            .setData(r.data()))
        .setCommitPosition(r.position())).build();
  }

  private static UUID uuid(Shared.UUID id) {
    return id.hasStructured()
        ? new UUID(id.getStructured().getMostSignificantBits(), id.getStructured().getLeastSignificantBits())
        : UUID.fromString(id.getString());
  }

  /**
   * One subscription to {@code $all}: its own thread walks the log from the start position
   * (exclusive), honouring gRPC flow control, then waits for appends.
   */
  private final class AllSubscription implements Runnable {
    private final ReadReq.Options options;
    private final ServerCallStreamObserver<ReadResp> call;
    private final Predicate<Rec> filter;
    private final int checkpointEvery;
    private volatile boolean cancelled;

    AllSubscription(ReadReq.Options options, ServerCallStreamObserver<ReadResp> call) {
      this.options = options;
      this.call = call;
      this.filter = filter(options);
      ReadReq.Options.FilterOptions f = options.getFilter();
      int window = options.hasFilter() && f.hasMax() && f.getMax() > 0 ? f.getMax() : 32;
      this.checkpointEvery = window * Math.max(1, options.hasFilter() ? f.getCheckpointIntervalMultiplier() : 1);
      call.setOnCancelHandler(() -> {
        cancelled = true;
        wake();
      });
      call.setOnReadyHandler(this::wake);
    }

    void end(Status status) {
      cancelled = true;
      wake();
      try {
        synchronized (call) {
          call.onError(status.asRuntimeException());
        }
      } catch (RuntimeException ignored) {
        // already finished
      }
    }

    void start() {
      live.add(this);
      Thread t = new Thread(this, "standin-subscription-" + subscriptions.incrementAndGet());
      t.setDaemon(true);
      t.start();
    }

    private void wake() {
      synchronized (lock) {
        lock.notifyAll();
      }
    }

    @Override
    public void run() {
      try {
        if (toHold.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          synchronized (lock) {
            while (!cancelled) lock.wait(50);
          }
          return;
        }
        send(ReadResp.newBuilder().setConfirmation(ReadResp.SubscriptionConfirmation.newBuilder()
            .setSubscriptionId(UUID.randomUUID().toString())).build());
        long startAt = System.currentTimeMillis() + slowStartMs;
        synchronized (lock) {
          for (long left; !cancelled && (left = startAt - System.currentTimeMillis()) > 0; ) lock.wait(left);
        }
        ReadReq.Options.AllOptions ao = options.getAll();
        int next;
        synchronized (lock) {
          // Subscribing from a position is exclusive: the event at that position was already seen.
          next = ao.hasStart() ? 0 : ao.hasEnd() ? all.size() : firstAtOrAfter(ao.getPosition().getCommitPosition() + 1);
        }
        boolean caughtUp = false;
        int scannedSinceCheckpoint = 0;
        while (!cancelled) {
          Rec rec = null;
          synchronized (lock) {
            while (!cancelled && caughtUp && next >= all.size()) {
              lock.wait(50);
              if (server == null) return;
            }
            if (next < all.size()) rec = all.get(next++);
          }
          if (cancelled) return;
          if (rec == null) {
            caughtUp = true;
            send(ReadResp.newBuilder().setCaughtUp(ReadResp.CaughtUp.newBuilder().setTimestamp(now())).build());
            continue;
          }
          scannedSinceCheckpoint++;
          if (filter.test(rec)) {
            send(event(rec, options));
          }
          if (options.hasFilter() && scannedSinceCheckpoint >= checkpointEvery) {
            scannedSinceCheckpoint = 0;
            send(ReadResp.newBuilder().setCheckpoint(ReadResp.Checkpoint.newBuilder()
                .setCommitPosition(rec.position()).setPreparePosition(rec.position()).setTimestamp(now())).build());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        // the call was cancelled or the server shut down under us
      }
    }

    private void send(ReadResp r) throws InterruptedException {
      synchronized (lock) {
        while (!cancelled && !call.isReady()) {
          lock.wait(50);
          if (server == null) throw new IllegalStateException("stopped");
        }
      }
      synchronized (call) {
        if (!cancelled) call.onNext(r);
      }
    }

    private Timestamp now() {
      long ms = System.currentTimeMillis();
      return Timestamp.newBuilder().setSeconds(ms / 1000).setNanos((int) (ms % 1000) * 1_000_000).build();
    }
  }
}
