package no.deling.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.deling.Config;
import no.deling.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log as a collector reads it: with DELING_LOG_FORMAT=json, a real server writes nothing but JSON Lines. */
class LogFormatTest {
  @TempDir Path dir;

  @Test
  void aServerLoggingJson_writesOneJsonObjectPerLine_fromStartToCleanShutdown() throws Exception {
    Path log = dir.resolve("server.log");
    int port = ServerProcess.freePort();
    Process p = ServerProcess.start(dir.resolve("data"), port, Map.of("DELING_LOG_FORMAT", "json"), log, 0);
    p.destroy(); // SIGTERM: the shutdown is logged too
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSizeGreaterThan(3);
    for (String line : lines) {
      JsonObject entry = new JsonObject(line); // fails on any line of text
      assertThat(entry.fieldNames()).as(line).contains("timestamp", "level", "threadName", "loggerName", "formattedMessage");
      assertThat(entry.getString("level")).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    }
    assertThat(lines).anySatisfy(l -> assertThat(new JsonObject(l).getString("formattedMessage")).isEqualTo("shut down cleanly"));
  }

  @Test
  void aFormatThatIsNeither_stopsTheStart_namingTheVariable() {
    assertThat(LogSetup.format(null)).isEqualTo("text");
    assertThat(LogSetup.format(" JSON ")).isEqualTo("json");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("DELING_LOG_FORMAT", "xml"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DELING_LOG_FORMAT must be text or json, was 'xml'");
  }
}
