package no.deling.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is a newcomer's page that sends readers on to {@code docs/}: every relative link in
 * it, in {@code docs/} and in the benchmark results must reach a file that exists and, when it
 * names a section ({@code #…}), a heading of that file as GitHub makes its anchor. Moving a
 * section or renaming a heading without following its links fails here.
 */
class DocsLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");

  @Test
  void everyRelativeLink_reachesAFileAndASectionThatExist() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("load-tests/RESULTS.md")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    assertThat(pages).as("the pages the README sends readers to").hasSizeGreaterThan(5);
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : pages) {
      for (String target : links(Files.readString(page))) {
        if (target.matches("^[a-z]+:.*")) continue; // http:, https:, mailto:
        checked++;
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(page + ": " + target + " (no such file)");
        } else if (hash >= 0 && !anchors(Files.readString(resolved)).contains(target.substring(hash + 1))) {
          broken.add(page + ": " + target + " (no such section)");
        }
      }
    }
    assertThat(checked).as("relative links found").isGreaterThan(40);
    assertThat(broken).as("links that lead nowhere").isEmpty();
  }

  @Test
  void anchors_areMadeAsGitHubMakesThem() {
    assertThat(slug("People come from the directory (SCIM 2.0)")).isEqualTo("people-come-from-the-directory-scim-20");
    assertThat(slug("The pulse — what leaders see, for the works council")).isEqualTo("the-pulse--what-leaders-see-for-the-works-council");
    assertThat(slug("Fast restarts: read-model snapshots")).isEqualTo("fast-restarts-read-model-snapshots");
  }

  /** Link targets outside fenced code blocks. */
  private static List<String> links(String markdown) {
    List<String> found = new ArrayList<>();
    boolean code = false;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("```")) code = !code;
      if (code) continue;
      Matcher m = LINK.matcher(line);
      while (m.find()) found.add(m.group(1));
    }
    return found;
  }

  private static Set<String> anchors(String markdown) {
    Set<String> anchors = new HashSet<>();
    boolean code = false;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("```")) code = !code;
      Matcher m = HEADING.matcher(line);
      if (!code && m.matches()) anchors.add(slug(m.group(1)));
    }
    return anchors;
  }

  /** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
  static String slug(String heading) {
    String plain = heading.strip().replace("`", "").replaceAll("\\*\\*", "");
    return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
  }
}
