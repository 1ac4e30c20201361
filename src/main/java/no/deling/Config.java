package no.deling;

import java.nio.file.Path;
import java.util.Map;

/**
 * Every setting, read once from the environment in {@link #fromEnv} and passed down. Defaults give
 * a working embedded server; the README's configuration table mirrors this record.
 *
 * @param store "embedded" (SQLite under dataDir) or "kurrentdb" (the log in KurrentDB at kurrentDbUrl)
 * @param kurrentDbUrl KurrentDB connection string, e.g. kurrentdb://localhost:2113?tls=false
 * @param storeTimeoutMs a log operation not done within this fails with 503 instead of hanging
 * @param jwtSecret HS256 secret for verifying tokens (and signing dev-login tokens)
 * @param jwksUrl an OIDC issuer's JWKS URL for verifying RS/ES tokens (instead of, or besides, the secret)
 * @param homeTimelineSize how many entries a home timeline keeps (fan-out on write bound)
 * @param fanOutLimit authors and topics with more followers than this are merged at read time
 * @param streamQueue messages a WebSocket may have waiting before it is dropped as too slow
 * @param streamRetention live entries kept for resuming streams
 * @param streamPingMs how often the server pings each WebSocket
 * @param streamIdleTimeoutMs a WebSocket silent for this long (no pong, no message) is closed
 * @param metricsToken bearer token for GET /metrics; metrics are off when unset
 * @param rolesClaim the token claim that lists a user's roles (a dotted path such as realm_access.roles for nested claims)
 * @param scimToken bearer token for SCIM provisioning under /scim/v2; SCIM is off when unset
 * @param announcementMinAudience announcements to fewer people than this show no acknowledgement count
 * @param httpInstances HTTP verticles, one per event loop (default: half the cores, at least one;
 *     the other half is for the log's writer and flusher, the projection, search and the collector)
 * @param streamMaxSubscriptions subscriptions one WebSocket may hold
 * @param streamMaxSocketsPerUser WebSockets one person may hold open at once
 * @param writeRate writes (POST, PUT, PATCH, DELETE) per second one person may sustain; 0 turns the limit off
 * @param writeBurst writes one person may make at once before the rate applies
 * @param loginRate dev logins per second from one address; 0 turns the limit off
 * @param loginBurst dev logins from one address at once
 * @param streamMessageRate messages per second one WebSocket may send; 0 turns the limit off
 * @param shutdownGraceMs how long a shutdown (SIGTERM) waits for requests in flight
 * @param pulseK the pulse withholds any figure over fewer people than this (never below 5)
 * @param pulseRefreshMs how often the pulse's relationship figures are recomputed
 * @param pulse whether the pulse is on at all (an organisation may decide, with its works council, to run without it)
 * @param pulseLiveMs how often the live pulse stream recomputes its figures while leaders watch and something happened
 * @param oidcClientId the web client's OAuth client id at the token issuer (DELING_JWT_ISSUER); with it, the client logs in by the
 *     authorization-code flow with PKCE
 * @param oidcScope the scopes the web client asks the issuer for
 * @param keysPath the file holding every person's data keys, outside the log (default: keys.db in the data directory)
 * @param retentionDays posts, edits, bookmarks, announcements and idea notes older than this many days (by month) become
 *     unreadable: their keys are destroyed (0: kept for ever)
 * @param snapshots whether the read side keeps a snapshot next to the log, so a restart replays only what came after it
 * @param snapshotEvery events applied between two snapshots (one is also written at shutdown and after an erasure)
 * @param snapshotSpacing a periodic snapshot waits this many times as long as the last one took after it (0: not at all),
 *     so applying events stands still for snapshots at most about 1/(1 + this) of the time
 * @param snapshotMaxTail events applied since the last snapshot beyond which the next is taken without that wait (0: no
 *     bound), so a crash under a sustained flood leaves at most about this many to replay
 * @param snapshotDiskReserveBytes a periodic snapshot is skipped when writing one (about the size of the last) would leave the
 *     data directory's disk less than this for the log (DELING_SNAPSHOT_DISK_RESERVE_MB)
 * @param questionExperts how many of the colleagues who know a question's topics best are asked to answer it (0: none)
 * @param transport the sockets' transport: auto (io_uring, else epoll, else NIO), io_uring, epoll or nio (see {@link NetworkTransport})
 * @param pollSweepMs how often polls whose time has come are closed (and their voters told)
 * @param filesPath where uploaded files' (encrypted) bytes are kept (default: files in the data directory)
 * @param fileMaxBytes the largest file one may upload
 * @param unusedFileHours how long an upload shown in no post (and nobody's photo) is kept; 0: for good
 * @param mail email about unread notifications (see {@link Mail})
 * @param push notifications pushed to people's devices (see {@link Push})
 * @param waitingQuestions when unanswered questions are brought to their topics' owners (see {@link WaitingQuestions})
 * @param previews previews of the pages posts link to (see {@link Previews})
 */
public record Config(
    String host,
    int httpPort,
    Path dataDir,
    String store,
    String kurrentDbUrl,
    long storeTimeoutMs,
    String jwtSecret,
    String jwksUrl,
    String jwtIssuer,
    String jwtAudience,
    boolean devLogin,
    int nodeId,
    int homeTimelineSize,
    int fanOutLimit,
    long readYourWritesTimeoutMs,
    int streamQueue,
    int streamRetention,
    long streamPingMs,
    long streamIdleTimeoutMs,
    String metricsToken,
    String rolesClaim,
    String scimToken,
    int announcementMinAudience,
    int httpInstances,
    int streamMaxSubscriptions,
    int streamMaxSocketsPerUser,
    double writeRate,
    int writeBurst,
    double loginRate,
    int loginBurst,
    double streamMessageRate,
    long shutdownGraceMs,
    int questionExperts,
    int pulseK,
    long pulseRefreshMs,
    boolean pulse,
    long pulseLiveMs,
    String oidcClientId,
    String oidcScope,
    Path keysPath,
    int retentionDays,
    boolean snapshots,
    long snapshotEvery,
    int snapshotSpacing,
    long snapshotMaxTail,
    long snapshotDiskReserveBytes,
    String transport,
    long pollSweepMs,
    Path filesPath,
    int fileMaxBytes,
    int unusedFileHours,
    Mail mail,
    Push push,
    Previews previews,
    WaitingQuestions waitingQuestions) {

  /**
   * A question left unanswered this long is brought to the owners of its topics, once.
   *
   * @param afterMinutes how long it waits first ({@code DELING_QUESTION_WAIT_MINUTES}, default a day; {@code off}: never, -1 here)
   * @param sweepMs how often waiting questions are looked for ({@code DELING_QUESTION_WAIT_SWEEP_MS})
   */
  public record WaitingQuestions(int afterMinutes, long sweepMs) {
    static WaitingQuestions fromEnv(Map<String, String> env) {
      String after = env.getOrDefault("DELING_QUESTION_WAIT_MINUTES", "1440").trim();
      if (!"off".equalsIgnoreCase(after) && !after.matches("[0-9]{1,5}")) {
        throw new IllegalArgumentException("DELING_QUESTION_WAIT_MINUTES must be minutes from 0 to 43200, or off, was '" + after + "'");
      }
      int minutes = "off".equalsIgnoreCase(after) ? -1 : intIn(env, "DELING_QUESTION_WAIT_MINUTES", 1440, 0, 43_200);
      return new WaitingQuestions(minutes, Math.max(50L, parsed(env, "DELING_QUESTION_WAIT_SWEEP_MS", 60_000L, Long::parseLong, "a whole number")));
    }
  }

  /**
   * Previews of the pages posts link to (their title, description and site), fetched by the server
   * from the public internet; on unless {@code DELING_LINK_PREVIEWS=false}.
   *
   * @param internalHosts hosts inside the network whose pages may be previewed too (an intranet, a
   *     wiki): {@code wiki.example.org} or {@code *.intranet.example.org}, any port
   */
  public record Previews(boolean enabled, java.util.List<String> internalHosts) {
    static Previews fromEnv(Map<String, String> env) {
      boolean on = !"false".equalsIgnoreCase(env.getOrDefault("DELING_LINK_PREVIEWS", "true").trim());
      java.util.List<String> hosts = new java.util.ArrayList<>();
      for (String part : env.getOrDefault("DELING_LINK_PREVIEW_HOSTS", "").split(",")) {
        String h = part.trim().toLowerCase(java.util.Locale.ROOT);
        if (h.isEmpty()) continue;
        if (!h.matches("(\\*\\.)?[a-z0-9.-]+|[0-9a-f:]+")) {
          throw new IllegalArgumentException("DELING_LINK_PREVIEW_HOSTS must list host names such as wiki.example.org or *.intranet.example.org, had '"
              + part.trim() + "'");
        }
        hosts.add(h);
      }
      return new Previews(on, java.util.List.copyOf(hosts));
    }
  }

  /**
   * Notifications pushed to the devices people allow (the Push API, RFC 8030/8291/8292), as they
   * happen; on unless {@code DELING_PUSH=false}.
   *
   * @param publicKey the VAPID public key, base64url; null with {@code privateKey}: made once and kept next to the embedded log
   * @param subject who runs this server, for the push services: a {@code mailto:} or {@code https:} address
   * @param services where a device's endpoint may be (see {@link no.deling.push.PushServices})
   * @param checkMillis how often the server looks for notifications to push
   * @param language "en" or "nb", for devices that did not say
   */
  public record Push(boolean enabled, String publicKey, String privateKey, String subject, no.deling.push.PushServices services, int checkMillis,
      String language) {
    /** Without the private key, should a log line ever print the settings. */
    @Override
    public String toString() {
      return "Push[enabled=" + enabled + ", publicKey=" + publicKey + ", privateKey=" + (privateKey == null ? null : "***") + ", subject=" + subject
          + ", services=" + services.origins() + ", checkMillis=" + checkMillis + ", language=" + language + "]";
    }

    static Push fromEnv(Map<String, String> env, Mail mail) {
      boolean on = !"false".equalsIgnoreCase(env.getOrDefault("DELING_PUSH", "true").trim());
      String pub = blankToNull(env.get("DELING_PUSH_PUBLIC_KEY")), priv = blankToNull(env.get("DELING_PUSH_PRIVATE_KEY"));
      if ((pub == null) != (priv == null)) {
        throw new IllegalArgumentException("DELING_PUSH_PUBLIC_KEY and DELING_PUSH_PRIVATE_KEY go together: set both (npx web-push generate-vapid-keys) or neither");
      }
      if (pub != null) {
        try {
          no.deling.push.WebPushKeys.of(pub, priv);
        } catch (java.security.GeneralSecurityException e) {
          throw new IllegalArgumentException("DELING_PUSH_PUBLIC_KEY and DELING_PUSH_PRIVATE_KEY must be a P-256 key pair, base64url (" + e.getMessage() + ")");
        }
      }
      String address = mail.from().replaceAll(".*<([^>]+)>.*", "$1").trim();
      String subject = env.getOrDefault("DELING_PUSH_SUBJECT", mail.publicUrl().startsWith("https://") ? mail.publicUrl() : "mailto:" + address).trim();
      if (!subject.startsWith("mailto:") && !subject.startsWith("https://")) {
        throw new IllegalArgumentException("DELING_PUSH_SUBJECT must be a mailto: or https: address, was '" + subject + "'");
      }
      String language = env.getOrDefault("DELING_PUSH_LANGUAGE", mail.language()).trim().toLowerCase(java.util.Locale.ROOT);
      if (!language.equals("en") && !language.equals("nb")) {
        throw new IllegalArgumentException("DELING_PUSH_LANGUAGE must be 'en' or 'nb', was '" + env.get("DELING_PUSH_LANGUAGE").trim() + "'");
      }
      return new Push(on, pub, priv, subject, no.deling.push.PushServices.parse(env.getOrDefault("DELING_PUSH_SERVICES", no.deling.push.PushServices.DEFAULT)),
          intIn(env, "DELING_PUSH_CHECK_MS", 1000, 100, 60_000), language);
    }
  }

  /**
   * Email to people about notifications they have not read; off while {@code host} is unset.
   *
   * @param tls "starttls" (required, port 587), "tls" (from the first byte, port 465) or "none" (a relay on the same network)
   * @param from the sender, as colleagues see it
   * @param publicUrl where colleagues open Deling, for the links in an email
   * @param afterMinutes a notification still unread this long after it arrived is emailed
   * @param checkEverySeconds how often the server looks for such notifications
   * @param language "en" or "nb", the emails' language
   */
  public record Mail(String host, int port, String user, String password, String tls, String from, String publicUrl, int afterMinutes,
      int checkEverySeconds, String language) {
    public boolean enabled() {
      return host != null;
    }

    /** Without the password, should a log line ever print the settings. */
    @Override
    public String toString() {
      return "Mail[host=" + host + ", port=" + port + ", user=" + user + ", password=" + (password == null ? null : "***") + ", tls=" + tls
          + ", from=" + from + ", publicUrl=" + publicUrl + ", afterMinutes=" + afterMinutes + ", checkEverySeconds=" + checkEverySeconds
          + ", language=" + language + "]";
    }

    static Mail fromEnv(Map<String, String> env) {
      String tls = env.getOrDefault("DELING_SMTP_TLS", "starttls").trim().toLowerCase(java.util.Locale.ROOT);
      if (!java.util.Set.of("starttls", "tls", "none").contains(tls)) {
        throw new IllegalArgumentException("DELING_SMTP_TLS must be 'starttls', 'tls' or 'none', was '" + env.get("DELING_SMTP_TLS").trim() + "'");
      }
      String language = env.getOrDefault("DELING_EMAIL_LANGUAGE", "en").trim().toLowerCase(java.util.Locale.ROOT);
      if (!language.equals("en") && !language.equals("nb")) {
        throw new IllegalArgumentException("DELING_EMAIL_LANGUAGE must be 'en' or 'nb', was '" + env.get("DELING_EMAIL_LANGUAGE").trim() + "'");
      }
      String url = env.getOrDefault("DELING_PUBLIC_URL", "http://localhost:8080").trim();
      if (!url.matches("https?://[^\\s/]+(/\\S*)?")) {
        throw new IllegalArgumentException("DELING_PUBLIC_URL must be an http(s) address such as https://deling.example.org, was '" + url + "'");
      }
      return new Mail(blankToNull(env.get("DELING_SMTP_HOST")), intIn(env, "DELING_SMTP_PORT", tls.equals("tls") ? 465 : 587, 1, 65535),
          blankToNull(env.get("DELING_SMTP_USER")), blankToNull(env.get("DELING_SMTP_PASSWORD")), tls,
          env.getOrDefault("DELING_MAIL_FROM", "Deling <deling@localhost>").trim(), url.replaceAll("/+$", ""),
          intIn(env, "DELING_EMAIL_AFTER_MINUTES", 60, 0, 10_080), intIn(env, "DELING_EMAIL_CHECK_SECONDS", 60, 1, 3_600), language);
    }
  }

  public static Config fromEnv(Map<String, String> env) {
    no.deling.core.log.LogSetup.format(env.get("DELING_LOG_FORMAT")); // read by the log as it starts (LogSetup): only checked here
    return new Config(
        env.getOrDefault("DELING_HTTP_HOST", "0.0.0.0"),
        intIn(env, "DELING_HTTP_PORT", 8080, 0, 65535),
        Path.of(env.getOrDefault("DELING_DATA_DIR", "data")),
        store(env),
        env.getOrDefault("DELING_KURRENTDB_URL", "kurrentdb://localhost:2113?tls=false"),
        intIn(env, "DELING_STORE_TIMEOUT_MS", 5000, 1, Integer.MAX_VALUE),
        blankToNull(env.get("DELING_JWT_SECRET")),
        blankToNull(env.get("DELING_JWT_JWKS_URL")),
        blankToNull(env.get("DELING_JWT_ISSUER")),
        blankToNull(env.get("DELING_JWT_AUDIENCE")),
        Boolean.parseBoolean(env.getOrDefault("DELING_DEV_LOGIN", "false")),
        intIn(env, "DELING_NODE_ID", 0, 0, 1023),
        intIn(env, "DELING_HOME_TIMELINE_SIZE", 800, 1, Integer.MAX_VALUE),
        intIn(env, "DELING_FANOUT_LIMIT", 2000, 0, Integer.MAX_VALUE),
        intIn(env, "DELING_READ_YOUR_WRITES_TIMEOUT_MS", 2000, 0, Integer.MAX_VALUE),
        intIn(env, "DELING_STREAM_QUEUE", 1000, 1, Integer.MAX_VALUE),
        intIn(env, "DELING_STREAM_RETENTION", 100_000, 0, Integer.MAX_VALUE),
        intIn(env, "DELING_STREAM_PING_MS", 20_000, 1, Integer.MAX_VALUE),
        intIn(env, "DELING_STREAM_IDLE_TIMEOUT_MS", 60_000, 1, Integer.MAX_VALUE),
        blankToNull(env.get("DELING_METRICS_TOKEN")),
        env.getOrDefault("DELING_ROLES_CLAIM", "roles").trim(),
        blankToNull(env.get("DELING_SCIM_TOKEN")),
        5,
        intIn(env, "DELING_HTTP_INSTANCES", Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 1, Integer.MAX_VALUE),
        intIn(env, "DELING_STREAM_MAX_SUBSCRIPTIONS", 100, 1, Integer.MAX_VALUE),
        intIn(env, "DELING_STREAM_MAX_SOCKETS_PER_USER", 20, 1, Integer.MAX_VALUE),
        rate(env, "DELING_WRITE_RATE", 20),
        intIn(env, "DELING_WRITE_BURST", 200, 1, Integer.MAX_VALUE),
        rate(env, "DELING_LOGIN_RATE", 1),
        intIn(env, "DELING_LOGIN_BURST", 60, 1, Integer.MAX_VALUE),
        rate(env, "DELING_STREAM_MESSAGE_RATE", 20),
        intIn(env, "DELING_SHUTDOWN_GRACE_MS", 10_000, 0, Integer.MAX_VALUE),
        intIn(env, "DELING_QUESTION_EXPERTS", 3, 0, Integer.MAX_VALUE),
        Math.max(5, intValue(env, "DELING_PULSE_K", 5)),
        Math.max(1_000L, parsed(env, "DELING_PULSE_REFRESH_MS", 86_400_000L, Long::parseLong, "a whole number")),
        !"false".equalsIgnoreCase(env.getOrDefault("DELING_PULSE", "true").trim()),
        Math.max(100L, parsed(env, "DELING_PULSE_LIVE_MS", 1_000L, Long::parseLong, "a whole number")),
        blankToNull(env.get("DELING_OIDC_CLIENT_ID")),
        env.getOrDefault("DELING_OIDC_SCOPE", "openid profile").trim(),
        env.get("DELING_KEYS_PATH") == null || env.get("DELING_KEYS_PATH").isBlank()
            ? Path.of(env.getOrDefault("DELING_DATA_DIR", "data")).resolve("keys.db") : Path.of(env.get("DELING_KEYS_PATH").trim()),
        intIn(env, "DELING_RETENTION_DAYS", 0, 0, Integer.MAX_VALUE),
        !"false".equalsIgnoreCase(env.getOrDefault("DELING_SNAPSHOTS", "true").trim()),
        Math.max(1L, parsed(env, "DELING_SNAPSHOT_EVERY", 100_000L, Long::parseLong, "a whole number")),
        Math.max(0, intValue(env, "DELING_SNAPSHOT_SPACING", 20)),
        Math.max(0L, parsed(env, "DELING_SNAPSHOT_MAX_TAIL", 500_000L, Long::parseLong, "a whole number")),
        Math.max(0L, parsed(env, "DELING_SNAPSHOT_DISK_RESERVE_MB", 256L, Long::parseLong, "a whole number")) << 20,
        NetworkTransport.parse(env.get("DELING_TRANSPORT")),
        Math.max(50L, parsed(env, "DELING_POLL_SWEEP_MS", 30_000L, Long::parseLong, "a whole number")),
        env.get("DELING_FILES_PATH") == null || env.get("DELING_FILES_PATH").isBlank()
            ? Path.of(env.getOrDefault("DELING_DATA_DIR", "data")).resolve("files") : Path.of(env.get("DELING_FILES_PATH").trim()),
        intIn(env, "DELING_FILE_MAX_MB", 10, 1, 100) << 20,
        intIn(env, "DELING_UNUSED_FILE_HOURS", 24, 0, 8_760),
        Mail.fromEnv(env),
        Push.fromEnv(env, Mail.fromEnv(env)),
        Previews.fromEnv(env),
        WaitingQuestions.fromEnv(env));
  }

  public Config withHttpPort(int port) {
    return new Config(host, port, dataDir, store, kurrentDbUrl, storeTimeoutMs, jwtSecret, jwksUrl, jwtIssuer, jwtAudience, devLogin, nodeId,
        homeTimelineSize, fanOutLimit, readYourWritesTimeoutMs, streamQueue, streamRetention, streamPingMs, streamIdleTimeoutMs, metricsToken,
        rolesClaim, scimToken, announcementMinAudience, httpInstances,
        streamMaxSubscriptions, streamMaxSocketsPerUser, writeRate, writeBurst, loginRate, loginBurst, streamMessageRate, shutdownGraceMs,
        questionExperts, pulseK, pulseRefreshMs, pulse, pulseLiveMs, oidcClientId, oidcScope, keysPath, retentionDays,
        snapshots, snapshotEvery, snapshotSpacing, snapshotMaxTail, snapshotDiskReserveBytes, transport, pollSweepMs, filesPath, fileMaxBytes, unusedFileHours, mail, push, previews,
        waitingQuestions);
  }

  private static int intValue(Map<String, String> env, String key, int fallback) {
    return parsed(env, key, fallback, Integer::parseInt, "a whole number");
  }

  /** A whole number from {@code min} to {@code max}: a value outside is a configuration error naming the range, not clamped or found out later. */
  private static int intIn(Map<String, String> env, String key, int fallback, int min, int max) {
    int v = intValue(env, key, fallback);
    if (v < min || v > max) {
      throw new IllegalArgumentException(key + " must be " + (max == Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max)
          + ", was '" + env.get(key).trim() + "'");
    }
    return v;
  }

  /** Per second, per person: 0 turns the limit off; negative, infinite or not a number is an error. */
  private static double rate(Map<String, String> env, String key, double fallback) {
    double v = parsed(env, key, fallback, Double::parseDouble, "a number");
    if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(key + " must be a number of at least 0 (0: no limit), was '" + env.get(key).trim() + "'");
    return v;
  }

  /** The setting parsed, the fallback when unset or blank, or one clear line naming the variable. */
  private static <T> T parsed(Map<String, String> env, String key, T fallback, java.util.function.Function<String, T> parse, String what) {
    String v = env.get(key);
    if (v == null || v.isBlank()) return fallback;
    try {
      return parse.apply(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be " + what + ", was '" + v + "'");
    }
  }

  private static String store(Map<String, String> env) {
    String store = env.getOrDefault("DELING_STORE", "embedded").trim().toLowerCase(java.util.Locale.ROOT);
    if (!store.equals("embedded") && !store.equals("kurrentdb")) {
      throw new IllegalArgumentException("DELING_STORE must be 'embedded' or 'kurrentdb', was '" + env.get("DELING_STORE").trim() + "'");
    }
    return store;
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v;
  }
}
