package no.deling.load.org;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code Generate --people 2000 --days 1 --seed 42 --out target/org}: writes {@code commands.jsonl}
 * and {@code events.jsonl} for a synthetic organisation and prints its shape.
 */
public final class Generate {
  private Generate() {}

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    OrgSpec spec = OrgSpec.standard(a.longValue("--seed", 42))
        .withPeople(a.intValue("--people", 2_000))
        .withDays(a.intValue("--days", 1))
        .withPostsPerPersonPerDay(a.doubleValue("--posts-per-person", 3.0));
    Path out = Path.of(a.string("--out", "target/org"));
    Files.createDirectories(out);
    Org org = OrgGenerator.generate(spec);
    OrgFiles.writeCommands(org, out.resolve("commands.jsonl"));
    OrgFiles.writeEvents(OrgFiles.events(org, 1), out.resolve("events.jsonl"));
    System.out.println(OrgStats.of(org).describe());
    System.out.println("wrote " + out.resolve("commands.jsonl") + " and " + out.resolve("events.jsonl"));
  }
}
