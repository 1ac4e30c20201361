package no.deling.push;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.deling.Config;
import no.deling.core.command.CommandExecutor;
import no.deling.core.command.CommandMeta;
import no.deling.core.command.ServerActor;
import no.deling.notifications.Inbox;
import no.deling.notifications.Notification;
import no.deling.readmodel.ReadModel;
import no.deling.users.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes new notifications to the devices people allowed, within about {@code DELING_PUSH_CHECK_MS}
 * of their arrival: one message per look per person, saying the newest and how many more, which
 * replaces the one their device shows. Each push is claimed in the person's {@code push-<id>}
 * stream before it is sent, so servers sharing a log never both push it and a restart pushes
 * nothing again; a device whose push service says it is gone is removed. A push service that does
 * not answer, or answers 429 or 5xx, is tried again a few times ({@link PushRetry}) by the server that
 * claimed the push; a push still not taken then, or refused otherwise, is lost (the notifications are
 * still in the app, and emailed if left unread). At most once across a restart: a retry waiting when
 * the server stops is not made.
 */
public final class Pusher {
  private static final Logger LOG = LoggerFactory.getLogger(Pusher.class);
  private static final PushDecider DECIDER = new PushDecider();
  /** How many people are claimed for at once (each a read of their stream and an append). */
  private static final int LANES = 16;
  /** Pushes sent and not yet answered, at most (the web client keeps up to 32 connections per push service). */
  private static final int MAX_IN_FLIGHT = 1_000;
  private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
  /** Retries waiting for their time, at most: a push service down for long does not pile up timers without end. */
  private static final int MAX_WAITING = 10_000;
  private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
  /** Numbers this server's messages in the order they were made, and the newest sent to each device: a retry of an older one is dropped. */
  private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();
  private final Map<String, Long> newestTo = new ConcurrentHashMap<>();
  private final Refusals refusals = new Refusals();
  /** Notifications read per person per push, newest first. */
  private static final int PAGE = 50;
  private final Vertx vertx;
  private final ReadModel model;
  private final Inbox inbox;
  private final CommandExecutor commands;
  private final Config.Push push;
  private final WebPushSender sender;
  private final PushTraffic traffic;
  private final Clock clock;
  /** Each person's notifications known to be handled up to (pushed, or left alone): looked at again only when newer ones come. */
  private final Map<String, Long> handledUpTo = new ConcurrentHashMap<>();
  private final long timer;
  private volatile boolean stopped;
  private volatile boolean looking;

  private Pusher(Vertx vertx, ReadModel model, Inbox inbox, CommandExecutor commands, Config.Push push, WebPushKeys keys,
      PushTraffic traffic, Clock clock) {
    this.vertx = vertx;
    this.model = model;
    this.inbox = inbox;
    this.commands = commands;
    this.push = push;
    this.traffic = traffic;
    this.clock = clock;
    this.sender = new WebPushSender(vertx, keys, push.subject());
    this.timer = vertx.setPeriodic(push.checkMillis(), t -> look());
  }

  /** Null with push off. */
  public static Pusher start(Vertx vertx, ReadModel model, Inbox inbox, CommandExecutor commands, Config.Push push, WebPushKeys keys,
      PushTraffic traffic, Clock clock) {
    return push.enabled() && keys != null ? new Pusher(vertx, model, inbox, commands, push, keys, traffic, clock) : null;
  }

  public void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    sender.close();
  }

  private void look() {
    // push services that fall behind: nobody new is claimed for until they catch up, so nothing piles up here
    if (stopped || looking || inFlight.get() >= MAX_IN_FLIGHT) return;
    looking = true;
    long now = clock.millis();
    vertx.executeBlocking(() -> {
      List<String> people = model.read(model.pushDevices::people);
      return inbox.read(n -> {
        List<String> due = new ArrayList<>();
        for (String person : people) {
          long[] newest = n.newest(person);
          long handled = Math.max(n.readUpTo(person), handledUpTo.getOrDefault(person, 0L));
          if (newest[0] > handled && newest[1] > now - PushMessage.FRESH_MS) due.add(person);
        }
        return due;
      });
    }, false).compose(due -> {
      // a few people at a time: one slow push service must not hold up everyone else's pushes behind it
      java.util.Queue<String> next = new java.util.concurrent.ConcurrentLinkedQueue<>(due); // lanes may go on on other threads
      List<Future<Void>> lanes = new ArrayList<>();
      for (int i = 0; i < Math.min(LANES, due.size()); i++) lanes.add(lane(next, now));
      return Future.join(lanes);
    }).onComplete(done -> looking = false);
  }

  /** Pushes to the next person due, then the next, until none is left. */
  private Future<Void> lane(java.util.Queue<String> next, long now) {
    String person = stopped ? null : next.poll();
    if (person == null) return Future.succeededFuture();
    return pushOne(person, now).otherwise(e -> {
      LOG.warn("pushing notifications to {} failed: {}", person, e.toString());
      return null;
    }).compose(v -> lane(next, now));
  }

  private record Inboxed(List<Notification> all, long readUpTo) {}

  /** A person's newest notification, and their notifications as they may see them now (null: a former colleague). */
  private record Read(long newest, JsonArray items) {}

  private Future<Void> pushOne(String userId, long now) {
    return vertx.executeBlocking(() -> {
      // one read of the inbox: the notifications and how far they were read, as they stood together
      Inboxed mine = inbox.read(n -> new Inboxed(n.snapshot(userId), n.readUpTo(userId)));
      List<Notification> all = mine.all();
      long readUpTo = mine.readUpTo();
      Person person = model.queries().people().person(userId);
      JsonArray items = person == null || !person.active() || person.erased() ? null
          : model.queries().notifications().page(userId, all, readUpTo, Long.MAX_VALUE, PAGE).getJsonArray("items");
      return new Read(all.isEmpty() ? 0L : all.get(all.size() - 1).id(), items);
    }, false).compose(read -> {
      long newest = read.newest();
      JsonArray items = read.items();
      if (items == null) { // a former colleague: nothing is pushed to them
        handledUpTo.put(userId, newest);
        return Future.succeededFuture();
      }
      String stream = PushEvent.stream(userId);
      return commands.load(stream, DECIDER).compose(state -> {
        List<io.vertx.core.json.JsonObject> due = PushMessage.due(items, state.pushedUpTo(), now, state.onlyWaiting());
        if (due.isEmpty() || state.devices().isEmpty()) {
          handledUpTo.put(userId, Math.max(newest, state.pushedUpTo()));
          return Future.succeededFuture();
        }
        return commands.execute(stream, DECIDER, new PushDecider.Claim(userId, upTo(due), due.size(), clock.instant()), CommandMeta.of(ServerActor.ID))
            .compose(claimed -> {
              handledUpTo.put(userId, Math.max(newest, claimed.state().pushedUpTo()));
              if (claimed.events().isEmpty()) return Future.succeededFuture(); // another server's
              // sent without waiting: a push service that takes its time holds up neither this look nor the next
              for (PushDecider.Device device : claimed.state().devices().values()) sendTo(userId, device, due);
              return Future.<Void>succeededFuture();
            });
      });
    });
  }

  private void sendTo(String userId, PushDecider.Device device, List<io.vertx.core.json.JsonObject> due) {
    PushMessage.Message m = PushMessage.of(due, device.language() != null ? device.language() : push.language());
    long message = sequence.incrementAndGet();
    newestTo.put(device.id(), message);
    attempt(userId, device, m, message, 0);
  }

  /**
   * One try of {@code m}, the {@code message}th this server sent; a try that may pass is made again
   * after a while ({@link PushRetry}), unless a newer message went to the device meanwhile (the
   * older would show over it).
   */
  private void attempt(String userId, PushDecider.Device device, PushMessage.Message m, long message, int retries) {
    inFlight.incrementAndGet();
    sender.send(device, m.message(), PushMessage.TAG, m.urgent()).onComplete(answered -> {
      inFlight.decrementAndGet();
      WebPushSender.Answer answer = answered.succeeded() ? answered.result() : new WebPushSender.Answer(0, null);
      switch (answer.outcome()) {
        case SENT -> {
          traffic.sent();
          refusals.taken(device.id());
        }
        case REFUSED -> {
          traffic.failed();
          if (!refusals.refused(device.id())) {
            LOG.warn("pushing to {}'s device {} was refused ({})", userId, device.id(), answer.status());
            return;
          }
          LOG.info("the push service refused {} pushes in a row to {}'s device {}: removed", Refusals.IN_A_ROW, userId, device.id());
          remove(userId, device, "refused");
        }
        case GONE -> {
          traffic.gone();
          LOG.info("the push service says {}'s device {} is gone: removed", userId, device.id());
          remove(userId, device, "gone");
        }
        case FAILED -> {
          String why = answered.succeeded() ? "the push service answered " + answer.status() : answered.cause().toString();
          long wait = PushRetry.delay(answer.status(), answer.retryAfter(), retries + 1, clock.millis());
          if (wait < 0 || stopped || waiting.get() >= MAX_WAITING) {
            traffic.failed();
            LOG.warn("pushing to {}'s device {} failed: {}", userId, device.id(), why);
            return;
          }
          traffic.retried();
          LOG.info("pushing to {}'s device {} failed ({}); trying again in {} ms", userId, device.id(), why, wait);
          waiting.incrementAndGet();
          vertx.setTimer(wait, t -> {
            waiting.decrementAndGet();
            Long newest = newestTo.get(device.id());
            if (!stopped && newest != null && newest == message) attempt(userId, device, m, message, retries + 1);
          });
        }
      }
    });
  }

  /** Takes a device its push service will not take pushes for off the person's list ({@code reason}: gone or refused). */
  private void remove(String userId, PushDecider.Device device, String reason) {
    newestTo.remove(device.id());
    refusals.forget(device.id());
    commands.execute(PushEvent.stream(userId), DECIDER, new PushDecider.Gone(userId, device.id(), reason, clock.instant()), CommandMeta.of(ServerActor.ID))
        .onFailure(e -> LOG.warn("could not remove {}'s {} device {}: {}", userId, reason, device.id(), e.toString()));
  }

  private static long upTo(List<io.vertx.core.json.JsonObject> due) {
    long upTo = 0;
    for (var n : due) upTo = Math.max(upTo, Long.parseLong(n.getString("id")));
    return upTo;
  }
}
