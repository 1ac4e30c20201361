package no.deling.core.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Set;

/**
 * The server's log, on standard error: lines of text by default, or with {@code DELING_LOG_FORMAT=json}
 * one JSON object per line (JSON Lines: time, level, thread, logger, message, exception) for a log
 * collector to read without parsing text. Logback finds this class as a service when it starts, which
 * is before {@code Config} is read, so it reads the variable itself; {@code Config} refuses a value that
 * is neither. An operator's own {@code -Dlogback.configurationFile} still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
  static final Set<String> FORMATS = Set.of("text", "json");

  /** {@code text} or {@code json} (absent or blank: text); anything else is a configuration error naming the variable. */
  public static String format(String value) {
    String v = value == null || value.isBlank() ? "text" : value.trim().toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(v)) throw new IllegalArgumentException("DELING_LOG_FORMAT must be text or json, was '" + value + "'");
    return v;
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    String format;
    try {
      format = format(System.getenv("DELING_LOG_FORMAT"));
    } catch (IllegalArgumentException e) {
      format = "text"; // the start is refused by Config, with this log set up to say so
    }
    Encoder<ILoggingEvent> encoder = format.equals("json") ? json() : text();
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setTarget("System.err");
    console.setEncoder(encoder);
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    // the build's class-data training run asks for errors only (-Ddeling.log.level=error)
    root.setLevel(Level.toLevel(System.getProperty("deling.log.level"), Level.INFO));
    root.addAppender(console);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** As the log read before: time with its offset, thread, level, the logger's short name, the message. */
  private static Encoder<ILoggingEvent> text() {
    PatternLayoutEncoder pattern = new PatternLayoutEncoder();
    pattern.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSZ} [%thread] %level %logger{0} - %msg%n");
    return pattern;
  }

  /** The message as it reads (its arguments filled in), not the template and its arguments apart. */
  private static Encoder<ILoggingEvent> json() {
    JsonEncoder json = new JsonEncoder();
    json.setWithSequenceNumber(false);
    json.setWithNanoseconds(false);
    json.setWithContext(false);
    json.setWithMDC(false); // unused here
    json.setWithMessage(false);
    json.setWithArguments(false);
    json.setWithFormattedMessage(true);
    return json;
  }
}
