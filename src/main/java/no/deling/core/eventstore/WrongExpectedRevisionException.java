package no.deling.core.eventstore;

/** The stream moved on since the writer read it; the command may be retried on fresh state. */
public final class WrongExpectedRevisionException extends RuntimeException {
  private final String stream;
  private final long actualRevision;

  public WrongExpectedRevisionException(String stream, ExpectedRevision expected, long actualRevision) {
    super("stream " + stream + ": expected " + expected + " but last revision is " + actualRevision);
    this.stream = stream;
    this.actualRevision = actualRevision;
  }

  public String stream() {
    return stream;
  }

  /** -1 when the stream does not exist. */
  public long actualRevision() {
    return actualRevision;
  }
}
