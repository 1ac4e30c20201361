package no.deling.push;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.push.PushEvent.NotificationsPushed;
import no.deling.push.PushEvent.PushSubscribed;
import no.deling.push.PushEvent.PushUnsubscribed;

/**
 * Rules for a person's devices and the pushes to them: a device's keys must be a real P-256 key
 * and a 16-byte secret; the same browser subscribing again with the same keys changes nothing,
 * with new keys replaces itself; a person has at most {@link #MAX_DEVICES}, the newest pushing out
 * the oldest; each notification is claimed for one push at most.
 */
public final class PushDecider implements Decider<PushDecider.PushCommand, PushDecider.PushState, PushEvent> {
  public sealed interface PushCommand {}

  /** Phones, laptops, a work and a home browser: enough for anyone, few enough that a forgotten one goes. */
  public static final int MAX_DEVICES = 10;

  public record Subscribe(String userId, String device, String endpoint, String p256dh, String auth, String label, String language, Instant at) implements PushCommand {}

  /** The person removes one of their devices. */
  public record Remove(String userId, String device, Instant at) implements PushCommand {}

  /**
   * The push service answered that the device is gone (404, 410: reason {@code gone}), or refused
   * our pushes to it again and again ({@code refused}; see {@link Refusals}).
   */
  public record Gone(String userId, String device, String reason, Instant at) implements PushCommand {
    public Gone(String userId, String device, Instant at) {
      this(userId, device, "gone", at);
    }
  }

  /** What the person wants pushed: "all" or "waiting". */
  public record Choose(String userId, String only, Instant at) implements PushCommand {}

  /** The server would push notifications up to {@code upTo}. */
  public record Claim(String userId, long upTo, int count, Instant at) implements PushCommand {}

  public record Device(String id, String endpoint, String p256dh, String auth, String label, String language, Instant addedAt) {}

  /**
   * @param devices by id, oldest first
   * @param pushedUpTo the newest notification claimed for a push (0: none)
   * @param onlyWaiting only notifications where someone waits for the person are pushed
   */
  public record PushState(Map<String, Device> devices, long pushedUpTo, boolean onlyWaiting) {
    static final PushState NEW = new PushState(Map.of(), 0, false);

    /** The device subscribed at {@code endpoint}, or null. */
    public Device atEndpoint(String endpoint) {
      for (Device d : devices.values()) if (d.endpoint().equals(endpoint)) return d;
      return null;
    }
  }

  @Override
  public PushState initialState() {
    return PushState.NEW;
  }

  @Override
  public PushState evolve(PushState s, PushEvent event) {
    if (event instanceof NotificationsPushed p) return new PushState(s.devices(), Math.max(s.pushedUpTo(), p.upTo()), s.onlyWaiting());
    if (event instanceof PushEvent.PushChoiceSet c) return new PushState(s.devices(), s.pushedUpTo(), "waiting".equals(c.only()));
    Map<String, Device> devices = new LinkedHashMap<>(s.devices());
    if (event instanceof PushSubscribed a) {
      devices.put(a.device(), new Device(a.device(), a.endpoint(), a.p256dh(), a.auth(), a.label(), a.language(), a.at()));
    } else {
      devices.remove(((PushUnsubscribed) event).device());
    }
    return new PushState(java.util.Collections.unmodifiableMap(devices), s.pushedUpTo(), s.onlyWaiting());
  }

  @Override
  public List<PushEvent> decide(PushCommand command, PushState s) {
    if (command instanceof Subscribe c) return subscribe(c, s);
    if (command instanceof Remove r) {
      if (!s.devices().containsKey(r.device())) throw new Rejection.NotFound("no such device: " + r.device());
      return List.of(new PushUnsubscribed(r.userId(), r.device(), "removed", r.at()));
    }
    if (command instanceof Choose c) {
      if (!"all".equals(c.only()) && !"waiting".equals(c.only())) {
        throw new Rejection.Invalid("only", "enum", "only must be \"all\" (every notification) or \"waiting\" (where someone waits for you)");
      }
      return "waiting".equals(c.only()) == s.onlyWaiting() ? List.of() : List.of(new PushEvent.PushChoiceSet(c.userId(), c.only(), c.at()));
    }
    if (command instanceof Gone g) {
      return s.devices().containsKey(g.device()) ? List.of(new PushUnsubscribed(g.userId(), g.device(), g.reason(), g.at())) : List.of();
    }
    Claim c = (Claim) command;
    // nowhere to push, or another server (or an earlier look) claimed these already
    if (s.devices().isEmpty() || c.upTo() <= s.pushedUpTo() || c.count() < 1) return List.of();
    return List.of(new NotificationsPushed(c.userId(), c.upTo(), c.count(), c.at()));
  }

  private static List<PushEvent> subscribe(Subscribe c, PushState s) {
    if (!WebPushKeys.isPublicKey(c.p256dh())) {
      throw new Rejection.Invalid("keys.p256dh", "p256Point", "keys.p256dh must be an uncompressed P-256 public key, base64url (the browser's getKey('p256dh'))");
    }
    if (decodedLength(c.auth()) != 16) {
      throw new Rejection.Invalid("keys.auth", "authSecret", "keys.auth must be 16 bytes, base64url (the browser's getKey('auth'))");
    }
    String p256dh = canonical(c.p256dh()), auth = canonical(c.auth());
    Device same = s.atEndpoint(c.endpoint());
    if (same != null && same.p256dh().equals(p256dh) && same.auth().equals(auth) && java.util.Objects.equals(same.label(), c.label())
        && java.util.Objects.equals(same.language(), c.language())) return List.of(); // the browser said it again
    List<PushEvent> events = new ArrayList<>();
    int left = s.devices().size();
    if (same != null) {
      events.add(new PushUnsubscribed(c.userId(), same.id(), "replaced", c.at()));
      left--;
    }
    for (Device oldest : s.devices().values()) {
      if (left < MAX_DEVICES) break;
      if (same != null && oldest.id().equals(same.id())) continue;
      events.add(new PushUnsubscribed(c.userId(), oldest.id(), "limit", c.at()));
      left--;
    }
    events.add(new PushSubscribed(c.userId(), c.device(), c.endpoint(), p256dh, auth, c.label(), c.language(), c.at()));
    return events;
  }

  /** Base64url without padding, as the log keeps it (browsers send either). */
  static String canonical(String base64url) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getUrlDecoder().decode(base64url));
  }

  private static int decodedLength(String base64url) {
    try {
      return base64url == null ? -1 : Base64.getUrlDecoder().decode(base64url).length;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }
}
