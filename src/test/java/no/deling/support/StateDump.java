package no.deling.support;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A canonical text of an object graph, for comparing two read sides built different ways: every
 * field (not transient ones: caches), maps and sets in sorted order (their iteration order depends
 * on history, not content), lists and queues in order, and an object met again as a back
 * reference. Two graphs with the same text hold the same state.
 */
public final class StateDump {
  private final IdentityHashMap<Object, Integer> seen = new IdentityHashMap<>();
  private final boolean references;

  private StateDump(boolean references) {
    this.references = references;
  }

  public static String of(Object root) {
    StringBuilder out = new StringBuilder();
    new StateDump(true).walk(root, out, 0);
    return out.toString();
  }

  /** The first place two dumps differ, with some context, for an assertion message. */
  public static String firstDifference(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) i++;
    int from = Math.max(0, i - 300);
    return "at " + i + ":\n  " + a.substring(from, Math.min(a.length(), i + 200)) + "\nvs\n  " + b.substring(from, Math.min(b.length(), i + 200));
  }

  private void walk(Object o, StringBuilder out, int depth) {
    if (depth > 64) throw new IllegalStateException("too deep: " + out.substring(Math.max(0, out.length() - 300)));
    if (o == null) {
      out.append("null");
      return;
    }
    Class<?> c = o.getClass();
    if (o instanceof String s) {
      out.append('"').append(s).append('"');
      return;
    }
    if (o instanceof Number || o instanceof Boolean || o instanceof Character || o instanceof Enum<?>
        || (c.getName().startsWith("java.") && !c.isArray() && !(o instanceof Map) && !(o instanceof Collection))) {
      // values (numbers, instants, …): equal is the same, whether or not one instance is shared
      out.append(o);
      return;
    }
    // arrays of strings (a post's tags, mentions, links) are replaced whole, never changed in place:
    // values, which a snapshot may share between posts
    if (c.isArray() && (c.getComponentType().isPrimitive() || c.getComponentType() == String.class || Array.getLength(o) == 0)) {
      out.append('[');
      for (int i = 0, n = Array.getLength(o); i < n; i++) out.append(i == 0 ? "" : ",").append(Array.get(o, i));
      out.append(']');
      return;
    }
    // so are lists of strings that cannot change (a link's tags): a snapshot shares equal ones
    if (o instanceof List<?> l && unmodifiable(c) && l.stream().allMatch(x -> x instanceof String)) {
      out.append('(');
      for (Object item : l) out.append('"').append(item).append("\";");
      out.append(')');
      return;
    }
    // a list of ids is its values in order: the spare room behind them is not state
    if (o instanceof no.deling.core.collections.LongList l) {
      out.append("LongList").append(java.util.Arrays.toString(l.toArray()));
      return;
    }
    if (o instanceof no.deling.core.collections.Interner) {
      out.append("Interner"); // a cache of shared strings, not state: a snapshot does not keep it
      return;
    }
    if (references) {
      Integer known = seen.get(o);
      if (known != null) {
        out.append('@').append(known);
        return;
      }
      seen.put(o, seen.size());
    }
    if (c.isArray()) {
      out.append('[');
      for (int i = 0, n = Array.getLength(o); i < n; i++) {
        if (i > 0) out.append(',');
        walk(Array.get(o, i), out, depth + 1);
      }
      out.append(']');
    } else if (o instanceof Map<?, ?> m) {
      List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
      entries.sort(Comparator.comparing(e -> detached(e.getKey())));
      out.append('{');
      for (Map.Entry<?, ?> e : entries) {
        out.append(detached(e.getKey())).append('=');
        walk(e.getValue(), out, depth + 1);
        out.append(';');
      }
      out.append('}');
    } else if (o instanceof Set<?> s) {
      List<Object> items = new ArrayList<>(s);
      items.sort(Comparator.comparing(StateDump::detached));
      out.append('<');
      for (Object item : items) {
        walk(item, out, depth + 1);
        out.append(';');
      }
      out.append('>');
    } else if (o instanceof Collection<?> col) {
      out.append('(');
      for (Object item : col) {
        walk(item, out, depth + 1);
        out.append(';');
      }
      out.append(')');
    } else if (o instanceof no.deling.posts.PostIndex index) {
      // the posts as the index answers for them: whether one is an object or still a record a snapshot read back is not state
      java.util.TreeMap<Long, no.deling.posts.PostView> byId = new java.util.TreeMap<>();
      index.forEach(v -> byId.put(v.id, v));
      out.append("PostIndex{posts=");
      walk(byId, out, depth + 1);
      out.append(",threads=");
      try {
        Field threads = c.getDeclaredField("threads");
        threads.setAccessible(true);
        walk(threads.get(o), out, depth + 1);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      out.append(",}");
    } else {
      out.append(c.getSimpleName()).append('{');
      if (o instanceof no.deling.notifications.Notifications.Column ring) {
        // a person's notifications are a ring of arrays: what it holds is state, where in the arrays and the spare room are not
        out.append("oldestFirst=(");
        for (int i = 0; i < ring.size(); i++) {
          out.append(ring.id(i)).append(' ').append(ring.kind(i)).append(' ').append(ring.from(i)).append(' ').append(ring.post(i))
              .append(' ').append(ring.group(i)).append(' ').append(ring.atMillis(i)).append(' ').append(ring.note(i)).append(';');
        }
        out.append("),");
      }
      for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) continue;
          if (o instanceof no.deling.notifications.Notifications.Column && (f.getType().isArray() || f.getName().equals("first"))) continue;
          if (o instanceof no.deling.posts.PostView p && f.getName().startsWith("text")) {
            // where the bytes are kept (an array of its own, or a range of one a snapshot shares) is not state; the text is
            if (f.getName().equals("textUtf8")) out.append("text=").append(p.text()).append(',');
            continue;
          }
          f.setAccessible(true);
          out.append(f.getName()).append('=');
          try {
            walk(f.get(o), out, depth + 1);
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
          out.append(',');
        }
      }
      out.append('}');
    }
  }

  private static boolean unmodifiable(Class<?> c) {
    return c.getName().startsWith("java.util.ImmutableCollections$") || c.getName().startsWith("java.util.Collections$Unmodifiable");
  }

  /** A rendering of a key or set item on its own (no back references), to sort by. */
  private static String detached(Object o) {
    StringBuilder out = new StringBuilder();
    new StateDump(false).walk(o, out, 0);
    return out.toString();
  }
}
