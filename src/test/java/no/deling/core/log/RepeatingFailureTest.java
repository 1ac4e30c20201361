package no.deling.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A failure that repeats thousands of times is a handful of log lines, and says when it stopped. */
class RepeatingFailureTest {
  private final List<String> lines = new ArrayList<>();
  private final AtomicLong now = new AtomicLong();
  private final RepeatingFailure failure = new RepeatingFailure(new Lines(), "event store writes", TimeUnit.SECONDS.toNanos(10), now::get);

  @Test
  void theFirstFailureWithItsTrace_thenACountEveryInterval_thenOnceWhenItWorksAgain() {
    failure.succeeded();
    assertThat(lines).as("nothing while nothing fails").isEmpty();
    for (int second = 0; second < 25; second++) {
      now.set(TimeUnit.SECONDS.toNanos(second));
      for (int i = 0; i < 100; i++) failure.failed("1 appends refused", 1, new IllegalStateException("disk full"));
    }
    now.set(TimeUnit.SECONDS.toNanos(26));
    failure.succeeded();
    failure.succeeded();
    assertThat(lines).containsExactly(
        "ERROR event store writes failed: 1 appends refused [with the trace of: disk full]",
        "ERROR event store writes still failing: 1000 more in the last 10 s (1 appends refused; last: java.lang.IllegalStateException: disk full)",
        "ERROR event store writes still failing: 1000 more in the last 10 s (1 appends refused; last: java.lang.IllegalStateException: disk full)",
        "WARN event store writes: working again after 2500 failures");

    // a new episode starts with its trace again
    failure.failed("1 appends refused", 1, new IllegalStateException("disk full again"));
    assertThat(lines).last().isEqualTo("ERROR event store writes failed: 1 appends refused [with the trace of: disk full again]");
  }

  /** Keeps what would be logged as "LEVEL message", naming the throwable whose trace would follow. */
  private final class Lines extends AbstractLogger {
    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String format, Object[] args, Throwable t) {
      String text = MessageFormatter.basicArrayFormat(format, args);
      lines.add(level + " " + text + (t == null ? "" : " [with the trace of: " + t.getMessage() + "]"));
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override public boolean isTraceEnabled() { return false; }
    @Override public boolean isTraceEnabled(Marker marker) { return false; }
    @Override public boolean isDebugEnabled() { return false; }
    @Override public boolean isDebugEnabled(Marker marker) { return false; }
    @Override public boolean isInfoEnabled() { return true; }
    @Override public boolean isInfoEnabled(Marker marker) { return true; }
    @Override public boolean isWarnEnabled() { return true; }
    @Override public boolean isWarnEnabled(Marker marker) { return true; }
    @Override public boolean isErrorEnabled() { return true; }
    @Override public boolean isErrorEnabled(Marker marker) { return true; }
  }
}
