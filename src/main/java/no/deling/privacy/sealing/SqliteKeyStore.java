package no.deling.privacy.sealing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import no.deling.core.eventstore.StartupException;

/**
 * Keys in their own SQLite file (not the log's), every change committed with a full fsync.
 * {@code secure_delete} overwrites a destroyed key's bytes in the file, and the rollback journal
 * (not WAL) keeps no second copy of pages once a transaction ends. The whole table is held in
 * memory, so reading a known key never waits for the disk. Several servers may share one file
 * (instances on one KurrentDB): a key another made is looked up in the file when first missed,
 * and a miss is remembered for a second, so a destroyed key costs at most one lookup a second.
 */
public final class SqliteKeyStore implements KeyStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Connection db;
  private static final long MISS_NANOS = 1_000_000_000L;
  private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
  private final Map<String, Long> misses = new ConcurrentHashMap<>();

  private SqliteKeyStore(Connection db) {
    this.db = db;
  }

  /** Opens (or creates) the key file; a path that cannot be used gets one clear line. */
  public static SqliteKeyStore open(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) Files.createDirectories(dir);
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout=10000");
        s.execute("PRAGMA journal_mode=DELETE");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA secure_delete=ON");
        s.execute("CREATE TABLE IF NOT EXISTS data_keys (subject TEXT NOT NULL, period TEXT NOT NULL, key BLOB NOT NULL,"
            + " created INTEGER NOT NULL, PRIMARY KEY (subject, period))");
      }
      SqliteKeyStore store = new SqliteKeyStore(c);
      store.load();
      return store;
    } catch (SQLException | java.io.IOException e) {
      throw new StartupException("cannot open the key store " + file + ": " + e.getMessage());
    }
  }

  private void load() throws SQLException {
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT subject, period, key FROM data_keys")) {
      while (r.next()) keys.put(id(r.getString(1), r.getString(2)), new SecretKeySpec(r.getBytes(3), "AES"));
    }
  }

  private static String id(String subject, String period) {
    return subject + '\n' + period;
  }

  @Override
  public SecretKey key(String subject, String period) {
    String id = id(subject, period);
    SecretKey known = keys.get(id);
    if (known != null) return known;
    Long missed = misses.get(id);
    long now = System.nanoTime();
    if (missed != null && now - missed < MISS_NANOS) return null;
    synchronized (this) {
      SecretKey stored = stored(subject, period);
      if (stored != null) keys.put(id, stored);
      else misses.put(id, now);
      return stored;
    }
  }

  private SecretKey stored(String subject, String period) {
    try (PreparedStatement p = db.prepareStatement("SELECT key FROM data_keys WHERE subject = ? AND period = ?")) {
      p.setString(1, subject);
      p.setString(2, period);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? new SecretKeySpec(r.getBytes(1), "AES") : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the key store", e);
    }
  }

  @Override
  public synchronized SecretKey create(String subject, String period) {
    misses.remove(id(subject, period));
    SecretKey known = key(subject, period);
    if (known != null) return known;
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    // another server on the same file may have made it a moment ago: theirs wins
    try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO data_keys (subject, period, key, created) VALUES (?, ?, ?, ?)")) {
      p.setString(1, subject);
      p.setString(2, period);
      p.setBytes(3, raw);
      p.setLong(4, System.currentTimeMillis());
      p.executeUpdate();
    } catch (SQLException e) {
      // a full disk, say: the write that needed the key is refused as any write is then, and changes nothing
      throw new no.deling.core.eventstore.StoreUnavailableException("could not store a data key: " + e.getMessage(), e);
    }
    SecretKey key = stored(subject, period);
    keys.put(id(subject, period), key);
    return key;
  }

  @Override
  public synchronized int destroy(String subject) {
    try (PreparedStatement p = db.prepareStatement("DELETE FROM data_keys WHERE subject = ?")) {
      p.setString(1, subject);
      int n = p.executeUpdate();
      forget(subject);
      return n;
    } catch (SQLException e) {
      throw new IllegalStateException("could not destroy data keys", e);
    }
  }

  @Override
  public void forget(String subject) {
    keys.keySet().removeIf(k -> k.startsWith(subject + '\n'));
  }

  @Override
  public synchronized int destroyMonthsBefore(String month) {
    try (PreparedStatement p = db.prepareStatement("DELETE FROM data_keys WHERE period <> ? AND period < ?")) {
      p.setString(1, PROFILE);
      p.setString(2, month);
      int n = p.executeUpdate();
      keys.keySet().removeIf(k -> {
        String period = k.substring(k.indexOf('\n') + 1);
        return !period.equals(PROFILE) && period.compareTo(month) < 0;
      });
      return n;
    } catch (SQLException e) {
      throw new IllegalStateException("could not destroy expired data keys", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException ignored) {
      // closing at shutdown: nothing left to save
    }
  }
}
