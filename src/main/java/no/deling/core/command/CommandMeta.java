package no.deling.core.command;

/**
 * Who sent a command and how to recognise a retry of it.
 *
 * @param actor the authenticated user id
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null
 */
public record CommandMeta(String actor, String idempotencyKey) {
  public static CommandMeta of(String actor) {
    return new CommandMeta(actor, null);
  }
}
