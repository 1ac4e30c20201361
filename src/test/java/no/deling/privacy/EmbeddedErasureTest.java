package no.deling.privacy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.deling.support.TestServer;

/** Erasure on the embedded store: the log's files on disk (database and write-ahead log) hold none of it. */
class EmbeddedErasureTest extends ErasureContract {
  @Override
  TestServer start(Map<String, String> env) {
    return TestServer.start(dir.resolve("data"), env);
  }

  /** The bodies as SQLite holds them, read with a connection of our own. */
  @Override
  List<byte[]> rawBodies() throws Exception {
    List<byte[]> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/events.db"));
        ResultSet rs = c.createStatement().executeQuery("SELECT data FROM events ORDER BY position")) {
      while (rs.next()) out.add(rs.getBytes(1));
    }
    return out;
  }

  /** Every byte of the log's files, whatever their layout (pages, write-ahead log). */
  @Override
  void assertStoredBytesHoldNone() throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("data"))) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith("events.db")).toList()) {
        assertNoneOf(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1), "the file " + p.getFileName());
      }
    }
  }
}
