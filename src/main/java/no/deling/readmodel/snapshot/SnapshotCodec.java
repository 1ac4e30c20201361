package no.deling.readmodel.snapshot;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import it.unimi.dsi.fastutil.longs.Long2ObjectMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongIterator;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.objects.ObjectOpenHashSet;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;
import no.deling.core.collections.Interner;
import no.deling.core.collections.LongList;
import no.deling.endorsements.Endorsements;
import no.deling.links.Links;
import no.deling.experts.ExpertIndex;
import no.deling.posts.PostIndex;
import no.deling.pulse.ActivityLog;
import no.deling.questions.Questions;
import no.deling.timelines.Timelines;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Writes and reads the read models' object graph with Kryo. Fields marked {@code transient} are
 * caches and are not written.
 *
 * <p>What it keeps shared, and how cheaply: the models themselves (one model reads another) are
 * tracked as references; equal strings are written once and read back as one instance, wherever
 * they are held (by value, which is what interning gave them; see {@link SharingReferences}; the
 * interner itself is not written); the numerous small objects no two places share (posts, lists,
 * endorsers) are not tracked at all. The posts are written apart, in a section of their own
 * ({@link PostsSection}) read on a second thread beside this one, and the link library, the
 * endorsements and the notifications in another ({@link RecordsSection}, on a third); the bulk of
 * the models this section makes (their threads, timelines, questions, experts' evidence, pulse
 * hours) is written by the models themselves ({@link ModelsSection}), read on this thread after it.
 * The primitive collections write their entries, not their tables.
 */
final class SnapshotCodec {
  /** Classes of ours that are numerous and never held in two places (see {@code SnapshotEquivalenceTest}, which would see it). */
  private static final Set<String> UNSHARED = Set.of(
      LongList.class.getName(),
      "no.deling.questions.Questions$Question",
      "no.deling.pulse.TopicTrends$TopicHour",
      "no.deling.pulse.TopicTrends$Baseline",
      "no.deling.pulse.ActivityLog$First",
      "no.deling.pulse.ActivityLog$Tally");

  private SnapshotCodec() {}

  private static Kryo kryo() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(false);
    // JDK values and collections are never shared between two places in the models; ours may be (a share in two maps)
    kryo.setReferenceResolver(new SharingReferences(
        type -> type.getName().startsWith("no.deling.") && !type.isEnum() && !UNSHARED.contains(type.getName())));
    // most models have no no-argument constructor: made without one, then filled field by field
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    kryo.addDefaultSerializer(Long2ObjectOpenHashMap.class, new LongMapSerializer());
    kryo.addDefaultSerializer(LongOpenHashSet.class, new LongSetSerializer());
    kryo.addDefaultSerializer(ObjectOpenHashSet.class, new ObjectSetSerializer());
    kryo.addDefaultSerializer(Interner.class, new InternerSerializer());
    // the posts have a section of their own (see PostsSection); the threads and the other bulky
    // fields below are written by their models (see ModelsSection)
    without(kryo, PostIndex.class, "posts", "packed", "threads");
    without(kryo, Timelines.class, "byAuthor", "byTopic", "byGroup", "privateByAuthor", "deletedByAuthor");
    without(kryo, Questions.class, "byId", "order");
    without(kryo, ExpertIndex.class, "byTopic");
    without(kryo, ActivityLog.class, "hours", "first");
    FieldSerializer<Endorsements> endorsements = new FieldSerializer<>(kryo, Endorsements.class);
    endorsements.removeField("endorsers"); // their own section too
    kryo.register(Endorsements.class, endorsements);
    FieldSerializer<Links> links = new FieldSerializer<>(kryo, Links.class);
    links.removeField("byUrl"); // a section of their own: see RecordsSection
    links.removeField("byPost");
    kryo.register(Links.class, links);
    return kryo;
  }

  private static <T> void without(Kryo kryo, Class<T> type, String... fields) {
    FieldSerializer<T> serializer = new FieldSerializer<>(kryo, type);
    for (String field : fields) serializer.removeField(field);
    kryo.register(type, serializer);
  }

  static void write(Object root, OutputStream out) {
    try (Output output = new Output(out, 1 << 16)) {
      kryo().writeClassAndObject(output, root);
    }
  }

  static Object read(InputStream in) {
    try (Input input = new Input(in, 1 << 16)) {
      return kryo().readClassAndObject(input);
    }
  }

  private static final class LongMapSerializer extends Serializer<Long2ObjectOpenHashMap<Object>> {
    @Override
    public void write(Kryo kryo, Output out, Long2ObjectOpenHashMap<Object> map) {
      out.writeVarInt(map.size(), true);
      for (Long2ObjectMap.Entry<Object> e : map.long2ObjectEntrySet()) {
        out.writeLong(e.getLongKey());
        kryo.writeClassAndObject(out, e.getValue());
      }
    }

    @Override
    public Long2ObjectOpenHashMap<Object> read(Kryo kryo, Input in, Class<? extends Long2ObjectOpenHashMap<Object>> type) {
      int size = in.readVarInt(true);
      Long2ObjectOpenHashMap<Object> map = new Long2ObjectOpenHashMap<>(size);
      kryo.reference(map);
      for (int i = 0; i < size; i++) {
        long key = in.readLong();
        map.put(key, kryo.readClassAndObject(in));
      }
      return map;
    }
  }

  private static final class LongSetSerializer extends Serializer<LongOpenHashSet> {
    @Override
    public void write(Kryo kryo, Output out, LongOpenHashSet set) {
      out.writeVarInt(set.size(), true);
      for (LongIterator i = set.iterator(); i.hasNext(); ) out.writeLong(i.nextLong());
    }

    @Override
    public LongOpenHashSet read(Kryo kryo, Input in, Class<? extends LongOpenHashSet> type) {
      int size = in.readVarInt(true);
      LongOpenHashSet set = new LongOpenHashSet(size);
      for (int i = 0; i < size; i++) set.add(in.readLong());
      return set;
    }
  }

  private static final class ObjectSetSerializer extends Serializer<ObjectOpenHashSet<Object>> {
    @Override
    public void write(Kryo kryo, Output out, ObjectOpenHashSet<Object> set) {
      out.writeVarInt(set.size(), true);
      for (Object o : set) kryo.writeClassAndObject(out, o);
    }

    @Override
    public ObjectOpenHashSet<Object> read(Kryo kryo, Input in, Class<? extends ObjectOpenHashSet<Object>> type) {
      int size = in.readVarInt(true);
      ObjectOpenHashSet<Object> set = new ObjectOpenHashSet<>(size);
      kryo.reference(set);
      for (int i = 0; i < size; i++) set.add(kryo.readClassAndObject(in));
      return set;
    }
  }

  /**
   * The interner starts empty again: it never forgets, so a department or word only an erased
   * person used would live on in it (and in every snapshot). The strings the models hold come back
   * shared anyway (each distinct string is read once per section).
   */
  private static final class InternerSerializer extends Serializer<Interner> {
    @Override
    public void write(Kryo kryo, Output out, Interner interner) {}

    @Override
    public Interner read(Kryo kryo, Input in, Class<? extends Interner> type) {
      return new Interner();
    }
  }
}
