package no.deling.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

class BilingualStemsTest {
  private final Analyzer both = BilingualStems.analyzer();

  /** Each token as {@code position:term}, positions counted as Lucene counts them. */
  private static List<String> tokens(Analyzer analyzer, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int position = -1;
      while (ts.incrementToken()) {
        position += inc.getPositionIncrement();
        out.add(position + ":" + term);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<String> terms(Analyzer analyzer, String text) {
    return tokens(analyzer, text).stream().map(t -> t.substring(t.indexOf(':') + 1)).toList();
  }

  /** Whether two texts' analyses share a term: a search for one finds the other. */
  private static boolean meet(Analyzer analyzer, String a, String b) {
    return terms(analyzer, a).stream().anyMatch(terms(analyzer, b)::contains);
  }

  @Test
  void eachWord_hasItsNorwegianAndItsEnglishStem_atOnePosition() {
    List<String> tokens = tokens(both, "Deploying bærekraftige tjenester");
    assertThat(tokens).hasSize(5).containsSubsequence("0:deploying", "1:bærekraft", "1:bærekraftig", "2:tjenest");
    assertThat(tokens.get(1)).as("the English stem, stacked on the first word").startsWith("0:deplo").isNotEqualTo("0:deploying");
  }

  @Test
  void aStemBothLanguagesAgreeOn_isIndexedOnce() {
    assertThat(tokens(both, "Kubernetes tjenester")).containsExactly("0:kubernet", "1:tjenest");
  }

  @Test
  void wordsEitherLanguageTakesForOne_meet() {
    String[][] pairs = {{"bærekraft", "bærekraftig"}, {"bærekraftige", "bærekraft"}, {"deploy", "deploying"}, {"deployed", "deploys"},
        {"tjeneste", "tjenester"}, {"økonomien", "økonomi"}, {"Kari's", "Kari"}, {"menus", "menu"}};
    for (String[] p : pairs) {
      boolean norwegian = meet(new NorwegianAnalyzer(), p[0], p[1]);
      boolean english = meet(new EnglishAnalyzer(), p[0], p[1]);
      assertThat(norwegian || english).as("a pair one language's analysis joins: %s", List.of(p)).isTrue();
      assertThat(meet(both, p[0], p[1])).as("%s and %s", p[0], p[1]).isTrue();
    }
    assertThat(meet(both, "deploy", "kubernetes")).isFalse();
  }

  @Test
  void aStopWordInOneLanguageOnly_keepsTheOthersStem_andOneInBoth_leavesAGap() {
    // "i" is Norwegian for "in" (a stop word there) but the English "I"; "the" is no Norwegian word;
    // "og" (and) is a Norwegian stop word and no English one; "at" is a stop word in both
    assertThat(terms(both, "i")).containsExactly("i");
    assertThat(terms(both, "the")).containsExactly("the");
    assertThat(terms(both, "og")).containsExactly("og");
    assertThat(tokens(both, "look at kubernetes")).as("a phrase keeps the gap where the word was").containsExactly("0:look", "2:kubernet");
  }

  @Test
  void longWordsAndOtherScripts_passWhole() {
    String longWord = "deploy".repeat(33) + "ing"; // longer than the buffers start, shorter than a token may be (255)
    assertThat(terms(both, longWord)).hasSize(2).contains(longWord).anyMatch(t -> t.startsWith("deploy".repeat(32) + "deplo") && t.length() < 200);
    assertThat(terms(both, "Москва 東京")).isEqualTo(terms(new org.apache.lucene.analysis.standard.StandardAnalyzer(), "Москва 東京"));
  }
}
