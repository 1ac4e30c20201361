package no.deling.users;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Prefix search over active people for @mention autocomplete: each word of the query must start
 * a word of the person's user id, name, department or title ("kari eng" finds Kari Nordmann in
 * Engineering). Words are folded to lower case without accents, so "jose" finds José; Norwegian
 * æ, ø and å stay letters of their own.
 *
 * <p>Ranked by where the query's longest word matched: the user id, then the name, then department
 * or title; then by name. A sorted map of words gives the candidates for the longest query word
 * in O(log n + matches), of which only the best {@code limit} are kept as they are walked; the
 * other words are checked against a candidate's own words only when it would be kept.
 */
final class PeopleSearch {
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final int ID = 0, NAME = 1, OTHER = 2;

  /** word → (person → best field that word came from) */
  private final NavigableMap<String, Map<String, Integer>> byWord = new TreeMap<>();
  private final Map<String, Indexed> byId = new HashMap<>();

  private record Indexed(Person person, String[] words, String sortName) {}

  /**
   * Answers by query and limit, dropped whenever anyone changes. Typing "k", "ka", "kar" is what
   * everyone does, and a one-letter prefix costs a walk over thousands of candidates, while the
   * directory changes rarely. Written by readers (under the read lock, hence concurrent), cleared
   * by the projection (under the write lock, so never while a reader fills it). Bounded.
   */
  private transient Map<String, List<Person>> answers = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_ANSWERS = 10_000;

  /**
   * Changes waiting to be indexed, by person (null: leave the index). Indexing is deferred to the
   * next search: a rebuild replays thousands of profile events and nobody searches during it, and
   * indexing each at once (folding, splitting, sorted-map updates) cost a tenth of the rebuild.
   */
  private final Map<String, Person> pending = new java.util.LinkedHashMap<>();

  /** Records that person {@code id} changed: {@code after} replaces them in the index (null: they leave it). Projection thread, write lock. */
  void replace(String id, Person after) {
    answers.clear();
    synchronized (this) {
      pending.put(id, after);
    }
  }

  /** Indexes what changed since the last search. Call holding this object's monitor. */
  private void applyPending() {
    for (Map.Entry<String, Person> change : pending.entrySet()) index(change.getKey(), change.getValue());
    pending.clear();
  }

  private void index(String id, Person after) {
    Indexed old = byId.remove(id);
    if (old != null) {
      for (String w : old.words()) {
        Map<String, Integer> ids = byWord.get(w);
        if (ids != null && ids.remove(id) != null && ids.isEmpty()) byWord.remove(w);
      }
    }
    if (after != null) indexNew(after);
  }

  private void indexNew(Person after) {
    Map<String, Integer> words = new HashMap<>();
    add(words, after.id(), ID);
    add(words, after.name(), NAME);
    add(words, after.department(), OTHER);
    add(words, after.title(), OTHER);
    for (Map.Entry<String, Integer> w : words.entrySet()) byWord.computeIfAbsent(w.getKey(), k -> new HashMap<>(4)).put(after.id(), w.getValue());
    byId.put(after.id(), new Indexed(after, words.keySet().toArray(String[]::new), fold(after.name())));
  }


  private static void add(Map<String, Integer> words, String text, int field) {
    if (text == null) return;
    String folded = fold(text);
    // the whole id also counts as one word, so "anne.lise" finds anne.lise
    if (field == ID) words.merge(folded, field, Math::min);
    for (String w : SEPARATORS.split(folded)) {
      if (!w.isEmpty()) words.merge(w, field, Math::min);
    }
  }

  static String fold(String s) {
    return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
  }

  List<Person> find(String query, int limit) {
    String key = limit + "\n" + fold(query).strip();
    List<Person> known = answers.get(key);
    if (known != null) return known;
    List<Person> found;
    synchronized (this) { // searches that miss the answers run one at a time, on an index brought up to date first
      applyPending();
      found = search(query, limit);
    }
    if (answers.size() >= MAX_ANSWERS) answers.clear();
    answers.put(key, found);
    return found;
  }

  /** The search itself, uncached. */
  List<Person> search(String query, int limit) {
    List<String> words = new ArrayList<>();
    for (String w : SEPARATORS.split(fold(query))) {
      if (!w.isEmpty()) words.add(w);
    }
    if (words.isEmpty() || limit <= 0) return List.of();
    // the longest word narrows the candidates most
    String first = words.get(0);
    for (String w : words) if (w.length() > first.length()) first = w;
    // Only the best `limit` are kept while walking the candidates (a one-letter prefix has
    // thousands): most are turned away by one comparison with the worst kept so far.
    PriorityQueue<Hit> best = new PriorityQueue<>(limit + 1, ORDER.reversed());
    Map<String, Hit> kept = new HashMap<>(limit * 2);
    for (Map<String, Integer> ids : byWord.subMap(first, true, first + Character.MAX_VALUE, false).values()) {
      for (Map.Entry<String, Integer> c : ids.entrySet()) {
        Hit previous = kept.get(c.getKey());
        if (previous != null && previous.rank() <= c.getValue()) continue;
        Indexed p = byId.get(c.getKey());
        Hit hit = new Hit(p, c.getValue());
        if (best.size() == limit && previous == null && ORDER.compare(hit, best.peek()) >= 0) continue;
        if (words.size() > 1 && !matchesAll(p.words(), words)) continue;
        if (previous != null) best.remove(previous);
        best.add(hit);
        kept.put(c.getKey(), hit);
        if (best.size() > limit) kept.remove(best.poll().who().person().id());
      }
    }
    List<Hit> hits = new ArrayList<>(best);
    hits.sort(ORDER);
    List<Person> out = new ArrayList<>(hits.size());
    for (Hit h : hits) out.add(h.who().person());
    return List.copyOf(out);
  }

  private record Hit(Indexed who, int rank) {}

  private static final Comparator<Hit> ORDER = Comparator.comparingInt(Hit::rank).thenComparing(h -> h.who().sortName())
      .thenComparing(h -> h.who().person().id());

  private static boolean matchesAll(String[] own, List<String> query) {
    for (String q : query) {
      boolean found = false;
      for (String w : own) {
        if (w.startsWith(q)) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }
}
