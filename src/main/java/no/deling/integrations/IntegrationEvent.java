package no.deling.integrations;

import java.time.Instant;
import no.deling.core.events.DomainEvent;

/**
 * A group's incoming integration: a project tool (a build server, an issue tracker, monitoring)
 * posting its activity into the group's stream of news; stream {@code integration-<id>}. Its posts
 * are ordinary {@code PostPublished} events whose author is {@link Integrations#author} of its id.
 */
public sealed interface IntegrationEvent extends DomainEvent {
  String integrationId();

  String groupId();

  /**
   * An owner of the group created the integration. Only a digest of its secret is stored: the
   * secret itself is shown once, to the owner who created it.
   *
   * @param secretSha256 the SHA-256 of the secret, in hex
   */
  record IntegrationCreated(String integrationId, String groupId, String name, String by, String secretSha256, Instant at)
      implements IntegrationEvent {}

  /**
   * An owner of the group gave it a new secret (one leaked, or someone who knew it left): the old
   * one posts nothing from now on. Only the new secret's digest is stored, as at creation.
   */
  record IntegrationSecretRotated(String integrationId, String groupId, String by, String secretSha256, Instant at) implements IntegrationEvent {}

  /** An owner of the group revoked it: its secret posts nothing from now on; what it posted stays. */
  record IntegrationRevoked(String integrationId, String groupId, String by, Instant at) implements IntegrationEvent {}

  static String stream(String integrationId) {
    return "integration-" + integrationId;
  }
}
