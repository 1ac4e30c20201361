package no.deling.core.eventstore;

/** The log cannot be reached or written right now; nothing was acknowledged. Maps to HTTP 503. */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
