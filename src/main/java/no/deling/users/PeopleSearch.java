package no.deling.users;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Prefix search over active people for @mention autocomplete: each word of the query must start
 * a word of the person's user id, name, department or title ("kari eng" finds Kari Nordmann in
 * Engineering). Words are folded to lower case without accents, so "jose" finds José; Norwegian
 * æ, ø and å stay letters of their own.
 *
 * <p>Ranked by where the query's longest word matched: the user id, then the name, then department
 * or title; then by name. A sorted map of words gives the candidates for the first query word
 * in O(log n + matches); the other words are checked against each candidate's own words.
 */
final class PeopleSearch {
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final int ID = 0, NAME = 1, OTHER = 2;

  /** word → (person → best field that word came from) */
  private final NavigableMap<String, Map<String, Integer>> byWord = new TreeMap<>();
  private final Map<String, Indexed> byId = new HashMap<>();

  private record Indexed(Person person, String[] words, String sortName) {}

  /** Swaps a person's entry: {@code before} leaves the index (if not null), {@code after} enters it (if not null). */
  void replace(Person before, Person after) {
    if (before != null) {
      Indexed old = byId.remove(before.id());
      if (old != null) {
        for (String w : old.words()) {
          Map<String, Integer> ids = byWord.get(w);
          if (ids != null && ids.remove(before.id()) != null && ids.isEmpty()) byWord.remove(w);
        }
      }
    }
    if (after != null) {
      Map<String, Integer> words = new HashMap<>();
      add(words, after.id(), ID);
      add(words, after.name(), NAME);
      add(words, after.department(), OTHER);
      add(words, after.title(), OTHER);
      for (Map.Entry<String, Integer> w : words.entrySet()) byWord.computeIfAbsent(w.getKey(), k -> new HashMap<>(4)).put(after.id(), w.getValue());
      byId.put(after.id(), new Indexed(after, words.keySet().toArray(String[]::new), fold(after.name())));
    }
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
    List<String> words = new ArrayList<>();
    for (String w : SEPARATORS.split(fold(query))) {
      if (!w.isEmpty()) words.add(w);
    }
    if (words.isEmpty()) return List.of();
    // the longest word narrows the candidates most
    String first = words.stream().max(Comparator.comparingInt(String::length)).get();
    Map<String, Integer> candidates = new HashMap<>();
    for (Map<String, Integer> ids : byWord.subMap(first, true, first + Character.MAX_VALUE, false).values()) {
      ids.forEach((id, field) -> candidates.merge(id, field, Math::min));
    }
    record Hit(Indexed who, int rank) {}
    List<Hit> hits = new ArrayList<>();
    for (Map.Entry<String, Integer> c : candidates.entrySet()) {
      Indexed p = byId.get(c.getKey());
      if (p != null && matchesAll(p.words(), words)) hits.add(new Hit(p, c.getValue()));
    }
    hits.sort(Comparator.comparingInt(Hit::rank).thenComparing(h -> h.who().sortName()).thenComparing(h -> h.who().person().id()));
    List<Person> out = new ArrayList<>(Math.min(limit, hits.size()));
    for (int i = 0; i < hits.size() && i < limit; i++) out.add(hits.get(i).who().person());
    return out;
  }

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
