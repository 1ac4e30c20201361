package no.deling.posts;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.deling.core.json.Json;
import no.deling.users.Person;

/**
 * Encoded JSON of the parts of a post that rarely change (everything but reply and endorsement
 * counts, {@code endorsedByMe}, {@code savedByMe} and the position), so a timeline page is mostly copied bytes
 * rather than re-encoded strings — encoding post text was half of a timeline read's CPU.
 *
 * <p>An entry is used only while the post's text object, deleted flag and author profile object
 * are the ones it was made from (edits, deletes and profile changes replace those objects), so it
 * can never be stale. Bounded: when full it starts over, which costs re-encoding, nothing more.
 */
public final class PostJsonCache {
  private static final int MAX_ENTRIES = 20_000;
  private static final byte[] REPLIES = ",\"replies\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENDORSEMENTS = ",\"endorsements\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENDORSED_BY_ME = ",\"endorsedByMe\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHARES = ",\"shares\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHARED_BY_ME = ",\"sharedByMe\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SAVED_BY_ME = ",\"savedByMe\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHARED_BY = ",\"sharedBy\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] POLL = ",\"poll\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ATTACHMENTS = ",\"attachments\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MENTIONED = ",\"mentioned\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] REPLYING_TO = ",\"replyingTo\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] POSITION = ",\"position\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] POSTED_IN = ",\"postedIn\":".getBytes(StandardCharsets.US_ASCII);

  private record Fragment(byte[] bytes, byte[] text, boolean deleted, Person author) {}

  private final Map<Long, Fragment> fragments = new ConcurrentHashMap<>();

  private record Named(Person person, byte[] json) {}

  /** People as posts name them, by id; see {@link #named}. */
  private final Map<String, Named> names = new ConcurrentHashMap<>();

  /** Writes the post as {@link PostJson#of} renders it. Call under the read model's read lock. */
  public void write(OutputStream out, PostView p, String viewer, PostContext model) {
    write(out, p, viewer, model, true, null);
  }

  /** The same, for a timeline entry that is there because {@code sharer} shared it (null: not shared). */
  public void write(OutputStream out, PostView p, String viewer, PostContext model, String sharer) {
    write(out, p, viewer, model, true, sharer);
  }

  /** Writes the post without viewer-specific fields, as live streams send it to every reader. */
  public void writeForEveryone(OutputStream out, PostView p, PostContext model) {
    write(out, p, null, model, false, null);
  }

  /** Without viewer-specific fields, marked as shared by {@code sharer} (the live stream's shares). */
  public void writeForEveryone(OutputStream out, PostView p, PostContext model, String sharer) {
    write(out, p, null, model, false, sharer);
  }

  private void write(OutputStream out, PostView p, String viewer, PostContext model, boolean viewerFields, String sharer) {
    try {
      Person author = model.person(p.author);
      Fragment f = fragments.get(p.id);
      if (f == null || f.text() != p.textUtf8 || f.deleted() != p.deleted || f.author() != author) {
        f = new Fragment(encodeStable(p, model), p.textUtf8, p.deleted, author);
        if (fragments.size() >= MAX_ENTRIES) fragments.clear();
        fragments.put(p.id, f);
      }
      out.write(f.bytes());
      out.write(REPLIES);
      ascii(out, p.replies);
      out.write(ENDORSEMENTS);
      ascii(out, model.endorsementCount(p.id));
      out.write(SHARES);
      ascii(out, model.shareCount(p.id));
      if (viewerFields) {
        out.write(ENDORSED_BY_ME);
        ascii(out, viewer != null && model.endorsedBy(p.id, viewer) ? "true" : "false");
        out.write(SHARED_BY_ME);
        ascii(out, viewer != null && model.sharedBy(p.id, viewer) ? "true" : "false");
        out.write(SAVED_BY_ME);
        ascii(out, viewer != null && model.savedBy(p.id, viewer) ? "true" : "false");
      }
      if (PostDecider.POLL.equals(p.kind) && !p.deleted) {
        byte[] poll = model.pollJson(p.id, viewerFields ? viewer : null);
        if (poll != null) {
          out.write(POLL);
          out.write(poll);
        }
      }
      if (!p.deleted) {
        byte[] files = model.attachmentsJson(p.id);
        if (files != null) {
          out.write(ATTACHMENTS);
          out.write(files);
        }
      }
      if (!p.deleted) writePeopleNamed(out, p, model);
      if (p.group != null) {
        // read at every render, like the people named: a renamed group shows its new name at once
        byte[] group = model.groupJson(p.group);
        if (group != null) {
          out.write(POSTED_IN);
          out.write(group);
        }
      }
      out.write(POSITION);
      ascii(out, p.position);
      if (sharer != null) {
        out.write(SHARED_BY);
        Person by = model.person(sharer);
        out.write(Json.MAPPER.writeValueAsBytes(java.util.Map.of("id", sharer, "name", by == null ? sharer : by.name())));
      }
      out.write('}');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The colleagues the post names, as readers know them: everyone it mentions who is in the directory,
   * and the author of the post it answers. Looked up at every render rather than kept with the encoded
   * text, so a changed name shows at once and nothing cached can go stale.
   */
  private void writePeopleNamed(OutputStream out, PostView p, PostContext model) throws IOException {
    boolean any = false;
    for (String id : p.mentions) {
      byte[] who = named(id, model);
      if (who == null) continue; // not a colleague (or erased): the text keeps its @word as written
      if (any) out.write(',');
      else out.write(MENTIONED);
      out.write(who);
      any = true;
    }
    if (any) out.write(']');
    if (p.inReplyTo == 0) return;
    PostView parent = model.post(p.inReplyTo);
    if (parent == null || parent.deleted) return; // a deleted post names nobody
    byte[] who = named(parent.author, model);
    if (who == null) return;
    out.write(REPLYING_TO);
    out.write(who);
  }

  /**
   * {@code {"id":…,"name":…[,"former":true]}} for someone the directory knows, null for anyone else;
   * encoded once per profile (a changed profile is a new object), as a reply on every page names someone.
   */
  private byte[] named(String id, PostContext model) throws IOException {
    Person person = model.person(id);
    if (person == null || person.erased()) return null;
    Named known = names.get(id);
    if (known == null || known.person() != person) {
      Map<String, Object> who = new java.util.LinkedHashMap<>(4);
      who.put("id", id);
      who.put("name", person.name());
      if (!person.active()) who.put("former", true);
      known = new Named(person, Json.MAPPER.writeValueAsBytes(who));
      if (names.size() >= MAX_ENTRIES) names.clear();
      names.put(id, known);
    }
    return known.json();
  }

  /** Per thread, where a post's stable fields are encoded before they are copied out at their exact size. */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** A stream whose bytes can be copied out without the whole-buffer copy {@link #toByteArray} makes first. */
  private static final class Scratch extends ByteArrayOutputStream {
    Scratch() {
      super(4_096);
    }

    byte[] copy(int length) {
      return java.util.Arrays.copyOf(buf, length);
    }
  }

  /** {@code {"id":…, …, "deleted":false} } without the closing brace. */
  private static byte[] encodeStable(PostView p, PostContext model) throws IOException {
    // one copy at the exact size: a stream of its own per post, grown and copied twice, was a
    // tenth of what the event loop allocated for a post
    Scratch buffer = SCRATCH.get();
    buffer.reset();
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(buffer)) {
      g.writeStartObject();
      PostJson.writeStableFields(g, p, model);
      g.writeEndObject();
    }
    byte[] all = buffer.copy(buffer.size() - 1); // without the closing brace: the changing fields follow
    if (buffer.size() > 1 << 16) SCRATCH.remove(); // an unusually long post's buffer is not kept
    return all;
  }

  private static void ascii(OutputStream out, Object value) throws IOException {
    out.write(String.valueOf(value).getBytes(StandardCharsets.US_ASCII));
  }
}
