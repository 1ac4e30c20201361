package no.deling.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WholeLineCommentsTest {

  @Test
  void lineComments_andBlockCommentsFillingTheirLines_areBlanked_everyLineKept() {
    String js = String.join("\n",
        "// why this module exists",
        "import { a } from './a.js';",
        "  /**",
        "   * A contract.",
        "   */",
        "export function f() {",
        "    // inside a function",
        "  return 1; /* after code */",
        "}",
        "/* one line */   ",
        "");
    assertThat(WholeLineComments.inScript(js)).isEqualTo(String.join("\n",
        "",
        "import { a } from './a.js';",
        "",
        "",
        "",
        "export function f() {",
        "",
        "  return 1; /* after code */",
        "}",
        "",
        ""));
  }

  @Test
  void commentsFollowedByCode_stay() {
    String js = "/* a */ const x = 1;\n/* b\n */ const y = 2;\nconst z = 3; // why\n";
    assertThat(WholeLineComments.inScript(js)).isEqualTo(js);
  }

  @Test
  void templatesStringsAndRegularExpressions_areLeftAsTheyAre() {
    String js = String.join("\n",
        "const a = `first",
        "// the template's text, not a comment",
        "/* nor this */",
        "${ x /* inside */ } done`;",
        "const s = '// a string', d = \"/* too */\";",
        "const r = /\\/\\/ [`'\"]/g;",
        "// blanked: the regex closed the line without opening anything",
        "const t = `${`nested ${y}`}",
        "// still the outer template's text",
        "${ {k: 1}.k }`;",
        "const q = a / b; const u = `x",
        "// text again, after a division",
        "`;",
        "if (typeof /`/ === 'object') f();",
        "// blanked: the regex held the backtick",
        "");
    String out = WholeLineComments.inScript(js);
    String[] in = js.split("\n", -1);
    String[] got = out.split("\n", -1);
    assertThat(got).hasSameSizeAs(in);
    for (int i = 0; i < in.length; i++) {
      boolean blanked = i == 6 || i == 14;
      assertThat(got[i]).as("line %d: %s", i + 1, in[i]).isEqualTo(blanked ? "" : in[i]);
    }
  }

  @Test
  void styleSheets_loseTheirWholeLineComments_notStringsNorCommentsBegunAfterCode() {
    String css = String.join("\n",
        "/* the palette */",
        "a { content: \"/* not a comment */\"; }",
        "b { color: red; } /* begun after code",
        "/* still inside it */ c {}",
        "*/",
        "  /* two",
        "     lines */",
        "d {}",
        "");
    assertThat(WholeLineComments.inStyle(css)).isEqualTo(String.join("\n",
        "",
        "a { content: \"/* not a comment */\"; }",
        "b { color: red; } /* begun after code",
        "/* still inside it */ c {}",
        "*/",
        "",
        "",
        "d {}",
        ""));
  }

  /**
   * The client as sent: every file keeps its lines, a line changes only by being blanked, and only
   * a line that reads as a comment is. (The browser tests run the client as the server sends it.)
   */
  @Test
  void theClientsOwnFiles_keepEveryLine_andLoseOnlyCommentLines() throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(Path.of("src/main/resources/webroot"))) {
      files = all.filter(p -> p.toString().endsWith(".js") || p.toString().endsWith(".css")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(5);
    int blanked = 0;
    long before = 0;
    long after = 0;
    for (Path file : files) {
      String source = Files.readString(file);
      String sent = new String(ClientFiles.withoutWholeLineComments(file.getFileName().toString(), source.getBytes(StandardCharsets.UTF_8)),
          StandardCharsets.UTF_8);
      String[] in = source.split("\n", -1);
      String[] out = sent.split("\n", -1);
      assertThat(out).as("%s keeps its lines", file).hasSameSizeAs(in);
      boolean inBlock = false;
      for (int i = 0; i < in.length; i++) {
        String line = in[i].strip();
        boolean commentLike = inBlock || line.startsWith("//") || line.startsWith("/*");
        if (line.startsWith("/*")) inBlock = !line.contains("*/");
        else if (inBlock && line.contains("*/")) inBlock = false;
        if (out[i].equals(in[i])) continue;
        assertThat(out[i]).as("%s line %d is blanked, or left", file, i + 1).isEmpty();
        assertThat(commentLike).as("%s line %d was a comment: %s", file, i + 1, in[i]).isTrue();
        blanked++;
      }
      before += source.length();
      after += sent.length();
    }
    assertThat(blanked).as("comment lines blanked in the client").isGreaterThan(150);
    System.out.printf("web client: %,d comment lines blanked, %,d characters sent of %,d%n", blanked, after, before);
  }
}
