package no.deling.search;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PorterStemmer;

/**
 * Text analysed for Norwegian and English at once: each word is indexed under its Norwegian stem
 * and, where that differs, its English stem at the same position (as a synonym is), so one field
 * finds "bærekraft" from "bærekraftig" and "deploy" from "deploying". A word is dropped only when
 * it is a stop word in both languages; one that is a stop word in one language keeps the other's
 * stem ("i" is Norwegian for "in", but an English "I").
 *
 * <p>The index held two fields before, one per language's own analyser, and every post was
 * tokenised, inverted and merged twice: search was a fifth of the CPU a post cost. The stemmers are
 * the ones those analysers use (Snowball's Norwegian, Porter's English, English possessives
 * dropped first).
 */
final class BilingualStems extends TokenFilter {
  private static final CharArraySet NORWEGIAN_STOP = NorwegianAnalyzer.getDefaultStopSet();
  private static final CharArraySet ENGLISH_STOP = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
  /**
   * Words remembered with their stems. Words repeat (an organisation's vocabulary is small next to
   * what it writes), and running both stemmers on every word was half of the text's analysis. An
   * analyser keeps one filter per thread, so this needs no lock; when full it starts over.
   */
  private static final int REMEMBERED = 20_000;

  /** A word's terms: the first (the Norwegian stem, or the English one where the word is a Norwegian stop word), and a second stacked on it, or null. */
  private record Stems(char[] first, char[] second) {}

  /** A stop word in both languages. */
  private static final Stems DROPPED = new Stems(null, null);

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
  private final SnowballStemmer norwegian = new NorwegianStemmer();
  private final SnowballStemmer english = new PorterStemmer();
  private final CharArrayMap<Stems> remembered = new CharArrayMap<>(1_024, false);
  /** What each stemmer works on, in place: a copy of the word. */
  private char[] scratch = new char[32];
  /** The term to stack at the same position on the next call, or null. */
  private char[] stacked;

  BilingualStems(TokenStream input) {
    super(input);
  }

  /** The analyser for text: standard words, lower-cased, then both stems. */
  static Analyzer analyzer() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer words = new StandardTokenizer();
        return new TokenStreamComponents(words, new BilingualStems(new LowerCaseFilter(words)));
      }

      @Override
      protected TokenStream normalize(String field, TokenStream in) {
        return new LowerCaseFilter(in); // prefix queries ("deplo*") match the words as written
      }
    };
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (stacked != null) {
      // the other attributes (offsets, type) are still the word's: only the term and position move
      term.copyBuffer(stacked, 0, stacked.length);
      increment.setPositionIncrement(0);
      stacked = null;
      return true;
    }
    int skipped = 0;
    while (input.incrementToken()) {
      Stems stems = remembered.get(term.buffer(), 0, term.length());
      if (stems == null) {
        stems = stems(term.buffer(), term.length());
        if (remembered.size() >= REMEMBERED) remembered.clear();
        remembered.put(Arrays.copyOf(term.buffer(), term.length()), stems);
      }
      if (stems == DROPPED) {
        skipped += increment.getPositionIncrement(); // a phrase keeps its gap, as a stop filter leaves it
        continue;
      }
      if (skipped > 0) increment.setPositionIncrement(increment.getPositionIncrement() + skipped);
      term.copyBuffer(stems.first(), 0, stems.first().length);
      stacked = stems.second();
      return true;
    }
    return false;
  }

  /** What a word becomes: a stop word in one language keeps the other's stem, one in both is dropped. */
  private Stems stems(char[] word, int length) {
    int possessive = withoutPossessive(word, length);
    boolean norwegianStop = NORWEGIAN_STOP.contains(word, 0, length);
    boolean englishStop = ENGLISH_STOP.contains(word, 0, possessive);
    if (norwegianStop && englishStop) return DROPPED;
    char[] englishStem = englishStop ? null : stem(english, word, possessive);
    if (norwegianStop) return new Stems(englishStem, null);
    char[] norwegianStem = stem(norwegian, word, length);
    return new Stems(norwegianStem, englishStem == null || Arrays.equals(englishStem, norwegianStem) ? null : englishStem);
  }

  private char[] stem(SnowballStemmer stemmer, char[] word, int length) {
    if (scratch.length < length) scratch = new char[Math.max(length, scratch.length * 2)];
    System.arraycopy(word, 0, scratch, 0, length);
    stemmer.setCurrent(scratch, length);
    stemmer.stem();
    return Arrays.copyOf(stemmer.getCurrentBuffer(), stemmer.getCurrentBufferLength());
  }

  /** The length without a trailing "'s" (or "’s"), as English analysis drops it before stemming. */
  private static int withoutPossessive(char[] buffer, int length) {
    if (length >= 2 && buffer[length - 1] == 's') {
      char apostrophe = buffer[length - 2];
      if (apostrophe == '\'' || apostrophe == '\u2019' || apostrophe == '\uFF07') return length - 2;
    }
    return length;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    stacked = null;
  }
}
