package no.deling.email;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
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
import no.deling.notifications.Notifications;
import no.deling.readmodel.ReadModel;
import no.deling.users.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emails people about notifications they left unread for {@code DELING_EMAIL_AFTER_MINUTES}: most
 * people mostly read, and someone who asked them a question should not wait until they happen to
 * open Deling. One email per look, listing everything due; the address is the directory's (SCIM
 * {@code emails}), else the one the person's token claims. Each email is claimed in the person's {@code email-<id>} stream before it is
 * sent, so servers sharing a log never both send it; a send that fails gives its claim back and is
 * tried again later (see {@link #failed}). A crash between the claim and the send loses that one email (the
 * notifications are still in the app): at most once, never twice.
 */
public final class UnreadNotificationMail {
  private static final Logger LOG = LoggerFactory.getLogger(UnreadNotificationMail.class);
  private static final EmailDecider DECIDER = new EmailDecider();
  private final Vertx vertx;
  private final ReadModel model;
  private final Inbox inbox;
  private final CommandExecutor commands;
  private final Config.Mail mail;
  private final MailClient client;
  private final EmailTraffic traffic;
  private final Clock clock;
  /** Each person's notifications known to be handled up to (emailed, or left alone): looked at again only when newer ones are due. */
  private final Map<String, Long> handledUpTo = new ConcurrentHashMap<>();
  private final long timer;
  private volatile boolean stopped;
  private boolean looking;
  /** The longest anyone waits after failed sends. */
  private static final long MAX_WAIT_MS = 3_600_000L;
  /** Notifications read per person per email, newest first: enough that those still waiting their delay never hide one due. */
  private static final int PAGE = 200;
  /** Who waits, after their email failed, until when (see {@link #failed}). */
  private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
  private volatile long mailDownUntil;
  private volatile long mailDownFor;

  private record Backoff(long until, long waited) {}

  /** A person's delay as their stream had it at {@code learnedAt}: trusted for {@link #DELAY_KNOWN_MS}, then read again. */
  private record Delay(long afterMs, long learnedAt) {}

  private static final long DELAY_KNOWN_MS = 10 * 60_000L;
  private final Map<String, Delay> delays = new ConcurrentHashMap<>();
  private final no.deling.privacy.sealing.KeyStore keys;

  private UnreadNotificationMail(Vertx vertx, ReadModel model, Inbox inbox, CommandExecutor commands, Config.Mail mail, EmailTraffic traffic, Clock clock,
      no.deling.privacy.sealing.KeyStore keys) {
    this.vertx = vertx;
    this.keys = keys;
    this.model = model;
    this.inbox = inbox;
    this.commands = commands;
    this.mail = mail;
    this.traffic = traffic;
    this.clock = clock;
    this.client = MailClient.create(vertx, config(mail));
    this.timer = vertx.setPeriodic(mail.checkEverySeconds() * 1000L, t -> look());
  }

  /** Null when no mail server is configured. @param keys the people's keys, for their unsubscribe links; null: emails have none */
  public static UnreadNotificationMail start(Vertx vertx, ReadModel model, Inbox inbox, CommandExecutor commands, Config.Mail mail,
      EmailTraffic traffic, Clock clock, no.deling.privacy.sealing.KeyStore keys) {
    return mail.enabled() ? new UnreadNotificationMail(vertx, model, inbox, commands, mail, traffic, clock, keys) : null;
  }

  static MailConfig config(Config.Mail mail) {
    MailConfig c = new MailConfig().setHostname(mail.host()).setPort(mail.port()).setKeepAlive(true);
    switch (mail.tls()) {
      case "tls" -> c.setSsl(true).setStarttls(StartTLSOptions.DISABLED);
      case "none" -> c.setStarttls(StartTLSOptions.DISABLED);
      default -> c.setStarttls(StartTLSOptions.REQUIRED);
    }
    if (mail.user() != null) c.setUsername(mail.user()).setPassword(mail.password()).setLogin(LoginOption.REQUIRED);
    else c.setLogin(LoginOption.DISABLED);
    return c;
  }

  public void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    client.close();
  }

  private void look() {
    if (stopped || looking) return;
    long now = clock.millis();
    if (now < mailDownUntil) return;
    looking = true;
    long after = mail.afterMinutes() * 60_000L;
    // who has unread notifications, newer than those handled, that have waited long enough: a walk over the inbox
    // someone whose delay is not known (yet, or for ten minutes) is looked at after the shortest one may choose
    long shortest = Math.min(after, java.util.Collections.min(EmailDecider.DELAYS) * 60_000L);
    java.util.function.ToLongFunction<String> afterOf = person -> {
      Delay d = delays.get(person);
      return d != null && now - d.learnedAt() < DELAY_KNOWN_MS ? d.afterMs() : shortest;
    };
    vertx.executeBlocking(() -> inbox.read(n -> peopleDue(n, handledUpTo, now, afterOf)), false).compose(due -> {
      Future<Boolean> chain = Future.succeededFuture(true);
      for (String person : due) {
        Backoff own = backoffs.get(person);
        if (own != null && now < own.until) continue; // their last email failed: tried again later, the others first
        chain = chain.compose(going -> !going ? Future.succeededFuture(false) : emailOne(person, now).otherwise(e -> {
          LOG.warn("emailing {} about unread notifications failed: {}", person, e.toString());
          return true;
        }));
      }
      return chain;
    }).onComplete(done -> {
      looking = false;
      traffic.looked();
    });
  }

  /**
   * After a failed send: that person waits, and so does everyone, longer each time (from twice the
   * look's interval up to an hour), so a mail server that is down or refuses costs two events an
   * hour at most, not two per person per look. One success ends the wait for all; a person whose
   * address is refused keeps their own wait, and never holds up the others.
   */
  private void failed(String userId, long now) {
    long first = 2_000L * mail.checkEverySeconds();
    Backoff before = backoffs.get(userId);
    long own = Math.min(MAX_WAIT_MS, before == null ? first : before.waited * 2);
    backoffs.put(userId, new Backoff(now + own, own));
    mailDownFor = Math.min(MAX_WAIT_MS, mailDownFor == 0 ? first : mailDownFor * 2);
    mailDownUntil = now + mailDownFor;
  }

  private void sent(String userId) {
    backoffs.remove(userId);
    mailDownFor = 0;
    mailDownUntil = 0;
  }

  /**
   * Who has a notification, newer than what they read and what was handled for them, that has waited
   * their delay ({@code afterOf}) unread, but not a day longer. A walk from each person's newest notification down
   * to the first one handled or too old: people with nothing new cost one comparison.
   */
  public static List<String> peopleDue(Notifications n, Map<String, Long> handledUpTo, long nowMillis, java.util.function.ToLongFunction<String> afterOf) {
    List<String> due = new ArrayList<>();
    n.forEachPerson((recipient, readUpTo, oldestFirst) -> {
      long handled = Math.max(readUpTo, handledUpTo.getOrDefault(recipient, 0L));
      long afterMs = afterOf.applyAsLong(recipient);
      for (int i = oldestFirst.size() - 1; i >= 0 && oldestFirst.id(i) > handled; i--) {
        long at = oldestFirst.atMillis(i);
        if (at <= nowMillis - afterMs - UnreadNotificationsEmail.STALE_MS) return; // this and all older ones: never emailed
        if (at <= nowMillis - afterMs) {
          due.add(recipient);
          return;
        }
      }
    });
    return due;
  }

  /** Emails the person what is due; false when the mail server did not take it. */
  private Future<Boolean> emailOne(String userId, long now) {
    List<Notification> all = inbox.read(n -> n.snapshot(userId));
    Person person = model.queries().people().person(userId);
    String address = person == null ? null : person.emailAddress();
    if (address == null || !person.active() || person.erased()) {
      handledUpTo.put(userId, all.isEmpty() ? 0 : all.get(all.size() - 1).id()); // nowhere to send it: looked at again when something newer comes
      return Future.succeededFuture(true);
    }
    long readUpTo = inbox.read(n -> n.readUpTo(userId));
    JsonArray items = model.queries().notifications().page(userId, all, readUpTo, Long.MAX_VALUE, PAGE).getJsonArray("items");
    String stream = EmailEvent.stream(userId);
    return commands.load(stream, DECIDER).compose(state -> {
      long after = state.afterMinutesOr(mail.afterMinutes()) * 60_000L;
      delays.put(userId, new Delay(after, now));
      List<JsonObject> due = UnreadNotificationsEmail.due(items, state.emailedUpTo(), now, after);
      if (!state.unreadNotifications() || due.isEmpty()) {
        handledUpTo.put(userId, Math.max(state.emailedUpTo(), newestDue(all, now, after)));
        return Future.succeededFuture(true);
      }
      UnreadNotificationsEmail.Email email = UnreadNotificationsEmail.of(userId, person.name(), due, mail.publicUrl(), mail.language());
      return commands.execute(stream, DECIDER, new EmailDecider.Claim(userId, email.upTo(), email.count(), clock.instant()), CommandMeta.of(ServerActor.ID))
          .compose(claimed -> {
            if (claimed.events().isEmpty()) { // another server's, or turned off a moment ago
              handledUpTo.put(userId, claimed.state().emailedUpTo());
              return Future.succeededFuture(true);
            }
            MailMessage message = new MailMessage().setFrom(mail.from()).setTo(address).setSubject(email.subject()).setText(email.text()).setHtml(email.html())
                .setHeaders(headers(userId));
            return client.sendMail(message).map(ok -> {
              traffic.sent();
              handledUpTo.put(userId, email.upTo());
              sent(userId);
              return true;
            }).recover(refused -> {
              traffic.failed();
              failed(userId, now);
              String reason = String.valueOf(refused.getMessage());
              LOG.warn("the mail server did not take the email to {}: {} (tried again in {} s)", userId, reason, mailDownFor / 1000);
              return commands.execute(stream, DECIDER, new EmailDecider.GiveBack(userId, email.upTo(), reason.length() > 500 ? reason.substring(0, 500) : reason,
                  clock.instant()), CommandMeta.of(ServerActor.ID)).map(r -> false);
            });
          });
    });
  }

  /**
   * Sent by a machine (RFC 3834: no out-of-office answers), and one click away from off in any mail
   * program (RFC 8058's {@code List-Unsubscribe} with {@code List-Unsubscribe-Post}, which large
   * mailbox providers ask of mail sent to many).
   */
  private io.vertx.core.MultiMap headers(String userId) {
    io.vertx.core.MultiMap headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Auto-Submitted", "auto-generated");
    String unsubscribe = keys == null ? null : UnsubscribeLink.url(mail.publicUrl(), keys, userId);
    if (unsubscribe != null) headers.add("List-Unsubscribe", "<" + unsubscribe + ">").add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    return headers;
  }

  /** The newest notification that was due at {@code now}: newer ones become due later, and are looked at then. */
  private static long newestDue(List<Notification> all, long now, long after) {
    for (int i = all.size() - 1; i >= 0; i--) if (all.get(i).atMillis() <= now - after) return all.get(i).id();
    return 0;
  }
}
