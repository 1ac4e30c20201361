package no.deling.core.eventstore;

/**
 * What the writer believes about a stream before appending, as in KurrentDB:
 * {@link Any} skips the check, {@link NoStream} requires that the stream has no events,
 * {@link Exact} requires that its last event has the given revision (0-based).
 */
public sealed interface ExpectedRevision {
  record Any() implements ExpectedRevision {}

  record NoStream() implements ExpectedRevision {}

  record Exact(long revision) implements ExpectedRevision {
    public Exact {
      if (revision < 0) throw new IllegalArgumentException("revision must be >= 0");
    }
  }

  ExpectedRevision ANY = new Any();
  ExpectedRevision NO_STREAM = new NoStream();

  static ExpectedRevision exact(long revision) {
    return new Exact(revision);
  }

  /** The expectation that matches a stream whose last revision is {@code current} (-1 = no stream). */
  static ExpectedRevision after(long current) {
    return current < 0 ? NO_STREAM : new Exact(current);
  }

  /** @param current the stream's last revision, -1 when it has no events */
  default boolean matches(long current) {
    if (this instanceof Exact e) return e.revision() == current;
    if (this instanceof NoStream) return current < 0;
    return true;
  }
}
