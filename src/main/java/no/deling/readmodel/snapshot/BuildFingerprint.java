package no.deling.readmodel.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Which build of Deling this is: a digest of every Deling class file, and of the serialisation
 * and collection libraries a snapshot depends on. A snapshot is read back only by the build that
 * wrote it: a projection whose code changed may build different state from the same log, and no
 * field-by-field comparison sees that. After an upgrade the first start replays the whole log.
 */
final class BuildFingerprint {
  private static String current;

  private BuildFingerprint() {}

  /** Computed once; a caller while it is computed (on the thread {@link Snapshots#prepare} starts) waits for it. */
  static synchronized String current() {
    if (current == null) current = compute();
    return current;
  }

  private static String compute() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Path source = Path.of(BuildFingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(source)) {
        Path root = source.resolve("no/deling");
        try (Stream<Path> files = Files.walk(root)) {
          for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
            sha.update(root.relativize(p).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(p));
          }
        }
      } else {
        try (JarFile jar = new JarFile(source.toFile())) {
          List<String> names = jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("no/deling/") && n.endsWith(".class")).sorted().toList();
          for (String name : names) {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
              sha.update(in.readAllBytes());
            }
          }
        }
      }
      for (Class<?> library : List.of(com.esotericsoftware.kryo.Kryo.class, it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap.class)) {
        try (InputStream in = library.getResourceAsStream(library.getSimpleName() + ".class")) {
          if (in != null) sha.update(in.readAllBytes());
        }
      }
      sha.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
