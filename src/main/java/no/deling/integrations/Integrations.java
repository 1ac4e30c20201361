package no.deling.integrations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.integrations.IntegrationEvent.IntegrationCreated;

/**
 * Every group's integrations, and how their posts are attributed: an integration's posts carry
 * the author {@code app.<id>}, a prefix no person's id may have (login and SCIM refuse it), so an
 * integration is never mistaken for a colleague, nor a colleague for an integration.
 */
public final class Integrations {
  public static final String AUTHOR_PREFIX = "app.";

  /**
   * @param secretSetAt when its secret was last replaced (null while it has its first)
   * @param revokedAt null while it is live
   * @param posts how many posts it made; {@code lastPostAt} the latest one's time (null before the first), at log {@code lastPosition}
   */
  public record Integration(String id, String groupId, String name, String by, Instant createdAt, String secretSha256, Instant secretSetAt,
      Instant revokedAt, int posts, Instant lastPostAt, long lastPosition) {
    public boolean live() {
      return revokedAt == null;
    }

    Integration revoked(Instant at) {
      return new Integration(id, groupId, name, by, createdAt, secretSha256, secretSetAt, at, posts, lastPostAt, lastPosition);
    }

    Integration withSecret(String sha256, Instant at) {
      return new Integration(id, groupId, name, by, createdAt, sha256, at, revokedAt, posts, lastPostAt, lastPosition);
    }

    Integration posted(Instant at, long position) {
      return new Integration(id, groupId, name, by, createdAt, secretSha256, secretSetAt, revokedAt, posts + 1, at, position);
    }

    public String author() {
      return Integrations.author(id);
    }
  }

  private final Map<String, Integration> byId = new HashMap<>();
  private final Map<String, List<String>> byGroup = new HashMap<>();

  /** The author id an integration's posts carry. */
  public static String author(String integrationId) {
    return AUTHOR_PREFIX + integrationId;
  }

  /** Whether no person may have {@code id}: an integration's, or the server's or the directory's own ({@link no.deling.core.command.ServerActor}). */
  public static boolean reservedForNonPersons(String id) {
    return isApp(id) || no.deling.core.command.ServerActor.is(id);
  }

  /** Whether {@code author} is an integration rather than a person: the one test every read path that counts people asks. */
  public static boolean isApp(String author) {
    return author != null && author.startsWith(AUTHOR_PREFIX);
  }

  public static String sha256(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  public void on(DomainEvent event, long position) {
    if (event instanceof IntegrationCreated c) {
      if (byId.containsKey(c.integrationId())) return; // seen before a restart
      byId.put(c.integrationId(), new Integration(c.integrationId(), c.groupId(), c.name(), c.by(), c.at(), c.secretSha256(), null, null, 0, null, 0));
      byGroup.computeIfAbsent(c.groupId(), k -> new ArrayList<>(2)).add(c.integrationId());
    } else if (event instanceof IntegrationEvent.IntegrationSecretRotated r) {
      Integration i = byId.get(r.integrationId());
      if (i != null && i.live()) byId.put(i.id(), i.withSecret(r.secretSha256(), r.at()));
    } else if (event instanceof IntegrationEvent.IntegrationRevoked r) {
      Integration i = byId.get(r.integrationId());
      if (i != null && i.live()) byId.put(i.id(), i.revoked(r.at()));
    } else if (event instanceof no.deling.posts.PostEvent.PostPublished p && isApp(p.author())) {
      Integration i = ofAuthor(p.author());
      // a post seen again after a restart is at or before the last one counted
      if (i != null && position > i.lastPosition()) byId.put(i.id(), i.posted(p.publishedAt(), position));
    }
  }

  public Integration get(String id) {
    return byId.get(id);
  }

  /** The integration behind an author id, or null for a person. */
  public Integration ofAuthor(String author) {
    return isApp(author) ? byId.get(author.substring(AUTHOR_PREFIX.length())) : null;
  }

  /** The group's integrations, oldest first, revoked ones included. Under the read lock. */
  public List<Integration> ofGroup(String groupId) {
    List<Integration> out = new ArrayList<>();
    for (String id : byGroup.getOrDefault(groupId, List.of())) out.add(byId.get(id));
    return out;
  }

  public int liveIn(String groupId) {
    return (int) ofGroup(groupId).stream().filter(Integration::live).count();
  }

  /**
   * The live integration whose secret {@code secret} is, or null: unknown, revoked and wrong
   * secrets look alike to the caller. Compared in constant time.
   */
  public Integration verify(String id, String secret) {
    Integration i = id == null ? null : byId.get(id);
    if (i == null || secret == null || !i.live()) return null;
    byte[] given = sha256(secret).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(given, i.secretSha256().getBytes(StandardCharsets.US_ASCII)) ? i : null;
  }
}
