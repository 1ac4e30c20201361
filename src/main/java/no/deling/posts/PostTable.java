package no.deling.posts;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The strings and tag sets that {@link PostRecords} refer to by number: an author, a group or a set
 * of hashtags is held once however many posts carry it. Immutable once made; a {@link Builder}
 * starts from a table and keeps its numbers, so records written against the old table stay valid
 * in the new one (a snapshot copies untouched records as they are).
 */
public final class PostTable {
  static final String[] NO_TAGS = new String[0];
  static final PostTable EMPTY = new PostTable(new String[0], new int[0][], new String[0][]);

  /** String number n (n ≥ 1) is {@code strings[n - 1]}; 0 is null. */
  private final String[] strings;
  /** Tag set number n (n ≥ 2) is {@code tagSets[n - 2]}; 0 is null, 1 no tags. Its tags are strings of this table. */
  private final int[][] tagSetNumbers;
  private final String[][] tagSets;

  private PostTable(String[] strings, int[][] tagSetNumbers, String[][] tagSets) {
    this.strings = strings;
    this.tagSetNumbers = tagSetNumbers;
    this.tagSets = tagSets;
  }

  /**
   * A table as written out: its strings, and each tag set as its tags' string numbers.
   *
   * @throws IllegalArgumentException when a tag set names a string the table does not have
   */
  public static PostTable of(String[] strings, int[][] tagSetNumbers) {
    String[][] tagSets = new String[tagSetNumbers.length][];
    for (int i = 0; i < tagSets.length; i++) {
      int[] numbers = tagSetNumbers[i];
      String[] tags = new String[numbers.length];
      for (int j = 0; j < tags.length; j++) {
        if (numbers[j] < 1 || numbers[j] > strings.length) throw new IllegalArgumentException("a tag set names string " + numbers[j]);
        tags[j] = strings[numbers[j] - 1];
      }
      tagSets[i] = tags;
    }
    return new PostTable(strings, tagSetNumbers, tagSets);
  }

  String string(int number) {
    return number == 0 ? null : strings[number - 1];
  }

  String[] tags(int number) {
    return number == 0 ? null : number == 1 ? NO_TAGS : tagSets[number - 2];
  }

  /** The strings, in number order from 1. */
  public List<String> strings() {
    return Arrays.asList(strings);
  }

  /** The tag sets in number order from 2, each as its tags' string numbers. */
  public List<int[]> tagSetNumbers() {
    return Arrays.asList(tagSetNumbers);
  }

  /** Numbers strings and tag sets, starting from the ones a table already has. Not thread-safe. */
  public static final class Builder {
    private final Object2IntOpenHashMap<String> stringNumbers = new Object2IntOpenHashMap<>();
    private final ArrayList<String> strings = new ArrayList<>();
    private final Object2IntOpenHashMap<List<String>> tagSetNumbers = new Object2IntOpenHashMap<>();
    private final ArrayList<String[]> tagSets = new ArrayList<>();
    private final ArrayList<int[]> tagSetStrings = new ArrayList<>();

    public Builder(PostTable from) {
      for (String s : from.strings) string(s);
      for (String[] t : from.tagSets) tags(t);
    }

    int string(String s) {
      if (s == null) return 0;
      int n = stringNumbers.getInt(s);
      if (n != 0) return n;
      strings.add(s);
      stringNumbers.put(s, strings.size());
      return strings.size();
    }

    int tags(String[] tags) {
      if (tags == null) return 0;
      if (tags.length == 0) return 1;
      List<String> key = Arrays.asList(tags);
      int n = tagSetNumbers.getInt(key);
      if (n != 0) return n;
      int[] numbers = new int[tags.length];
      for (int i = 0; i < tags.length; i++) numbers[i] = string(tags[i]);
      tagSets.add(tags);
      tagSetStrings.add(numbers);
      tagSetNumbers.put(key, tagSets.size() + 1);
      return tagSets.size() + 1;
    }

    public PostTable table() {
      return new PostTable(strings.toArray(new String[0]), tagSetStrings.toArray(new int[0][]), tagSets.toArray(new String[0][]));
    }
  }
}
