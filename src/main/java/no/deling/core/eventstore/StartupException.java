package no.deling.core.eventstore;

/** A reason the server cannot start that an operator fixes from its message alone: logged as one line, no stack trace. */
public final class StartupException extends RuntimeException {
  public StartupException(String message) {
    super(message, null, false, false);
  }
}
