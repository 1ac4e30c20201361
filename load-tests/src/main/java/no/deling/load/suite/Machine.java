package no.deling.load.suite;

import java.nio.file.Files;
import java.nio.file.Path;

/** A one-line description of the machine a run came from. */
final class Machine {
  private Machine() {}

  static String describe() {
    String cpu = "unknown CPU";
    String memory = "";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          memory = String.format(", %.0f GiB", kb / 1024.0 / 1024.0);
          break;
        }
      }
    } catch (Exception e) {
      // not Linux: fall back to what the JVM knows
    }
    return String.format("%d cores (%s)%s, %s %s, Java %s (%s)", Runtime.getRuntime().availableProcessors(), cpu, memory,
        System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"), System.getProperty("java.vm.name"));
  }
}
