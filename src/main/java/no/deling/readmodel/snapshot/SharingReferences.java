package no.deling.readmodel.snapshot;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.ReferenceResolver;
import com.esotericsoftware.kryo.util.IdentityObjectIntMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.function.Predicate;

/**
 * Which objects a snapshot writes once and refers to after: ours that {@code shared} says may be
 * held in two places, by identity; and every string, by value.
 *
 * <p>Strings by value because the models hold interned strings (one instance per person id, tag,
 * department), and a snapshot must give them back that way. Kryo writes a {@code String} field or a
 * {@code String[]} straight to the stream, past any serializer registered for strings, unless the
 * resolver tracks strings: that is what made every endorser's id its own instance after a restart
 * (millions of strings on a large log, and as many byte arrays, for the collector to copy).
 */
final class SharingReferences implements ReferenceResolver {
  private final Predicate<Class<?>> shared;
  private final IdentityObjectIntMap<Object> writtenObjects = new IdentityObjectIntMap<>();
  private final Object2IntOpenHashMap<String> writtenStrings = new Object2IntOpenHashMap<>();
  private final ArrayList<Object> read = new ArrayList<>();
  private int written;

  SharingReferences(Predicate<Class<?>> shared) {
    this.shared = shared;
    writtenStrings.defaultReturnValue(-1);
  }

  @Override
  public void setKryo(Kryo kryo) {}

  @Override
  public int getWrittenId(Object object) {
    return object instanceof String s ? writtenStrings.getInt(s) : writtenObjects.get(object, -1);
  }

  @Override
  public int addWrittenObject(Object object) {
    int id = written++;
    if (object instanceof String s) writtenStrings.put(s, id);
    else writtenObjects.put(object, id);
    return id;
  }

  @Override
  public int nextReadId(Class type) {
    read.add(null);
    return read.size() - 1;
  }

  @Override
  public void setReadObject(int id, Object object) {
    read.set(id, object);
  }

  @Override
  public Object getReadObject(Class type, int id) {
    return read.get(id);
  }

  @Override
  public void reset() {
    writtenObjects.clear();
    writtenStrings.clear();
    read.clear();
    written = 0;
  }

  @Override
  public boolean useReferences(Class type) {
    return type == String.class || shared.test(type);
  }
}
