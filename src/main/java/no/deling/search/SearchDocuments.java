package no.deling.search;

import no.deling.groups.Groups;
import no.deling.posts.PostView;
import no.deling.questions.Questions;
import no.deling.readmodel.ReadModel;
import no.deling.users.Person;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/**
 * What the index holds for a post, a person, a group and a described topic, built from the read side as it is now
 * (so re-indexing one is always right, however often). Documents hold only what queries match and
 * filter on; results are rendered from the read side, so nothing is stored twice. Call under the
 * read model's read lock.
 */
final class SearchDocuments {
  static final String KEY = "key";
  static final String TYPE = "type";
  static final String KIND = "kind";
  static final String TEXT = "text";
  static final String NAME = "name";
  static final String TAG = "tag";
  static final String AUTHOR = "author";
  static final String GROUP = "group";
  /** "public", or the private group whose members alone may find it. */
  static final String AUDIENCE = "audience";
  static final String PUBLIC = "public";
  static final String AT = "at";
  static final String STATUS = "status";

  static final String POST = "post";
  static final String PERSON = "person";
  static final String GROUP_TYPE = "group";
  static final String TOPIC_TYPE = "topic";

  private SearchDocuments() {}

  static String postKey(long id) {
    return POST + ":" + id;
  }

  static String personKey(String id) {
    return PERSON + ":" + id;
  }

  static String groupKey(String id) {
    return GROUP_TYPE + ":" + id;
  }

  static String topicKey(String tag) {
    return TOPIC_TYPE + ":" + tag;
  }

  /** The type a key names: {@link #POST}, {@link #PERSON}, {@link #GROUP_TYPE} or {@link #TOPIC_TYPE}. */
  static String typeOf(String key) {
    return key.substring(0, key.indexOf(':'));
  }

  /** The id a key names (a person's id may itself hold a colon: only the first one separates). */
  static String idOf(String key) {
    return key.substring(key.indexOf(':') + 1);
  }

  /** A post, question or idea; null when it is gone (deleted, or never seen). */
  static Document post(PostView p, ReadModel m) {
    if (p == null || p.deleted) return null;
    Questions.Question q = p.isQuestion() ? m.questions.get(p.id) : null;
    // a poll is found by its choices too ("who asked about Thursday")
    String[] options = m.polls.options(p.id);
    String text = options == null ? p.text() : p.text() + "\n" + String.join("\n", options);
    // and by the names of the files it shows ("the post with budget.xlsx"), and what its images show
    for (var f : m.files.attachedTo(p.id)) text += "\n" + f.name() + (f.description() == null ? "" : "\n" + f.description());
    return post(p.id, p.kind, text, p.hashtags, p.author, p.group, p.group != null && m.groups.isPrivate(p.group) ? p.group : PUBLIC,
        p.publishedAt, q == null ? null : m.questions.status(q).wire());
  }

  /**
   * A post's document from its parts.
   *
   * @param audience {@link #PUBLIC}, or the private group whose members alone may find it
   * @param status a question's status, or null
   */
  static Document post(long id, String kind, String text, String[] hashtags, String author, String group, String audience, long publishedAt,
      String status) {
    Document d = base(postKey(id), POST);
    d.add(new StringField(KIND, kind == null ? "post" : kind, Field.Store.NO));
    text(d, text);
    for (String t : hashtags) d.add(new StringField(TAG, t, Field.Store.NO));
    d.add(new StringField(AUTHOR, author, Field.Store.NO));
    if (group != null) d.add(new StringField(GROUP, group, Field.Store.NO));
    d.add(new StringField(AUDIENCE, audience, Field.Store.NO));
    d.add(new NumericDocValuesField(AT, publishedAt)); // sorts, and filters dates (no points: see Search#withFilters)
    if (status != null) d.add(new StringField(STATUS, status, Field.Store.NO));
    return d;
  }

  /** A person the directory lists as active, found by name, department, title and the skills they show. */
  static Document person(Person p, ReadModel m) {
    if (p == null || !p.active()) return null;
    Document d = base(personKey(p.id()), PERSON);
    d.add(new TextField(NAME, p.name() + " " + p.id(), Field.Store.NO));
    StringBuilder about = new StringBuilder();
    if (p.department() != null) about.append(p.department()).append(". ");
    if (p.title() != null) about.append(p.title()).append(". ");
    for (String topic : m.skills.of(p.id()).keySet()) {
      if (m.skills.hidden(p.id(), topic)) continue;
      about.append(topic).append(' ');
      d.add(new StringField(TAG, topic, Field.Store.NO));
    }
    text(d, about.toString());
    d.add(new StringField(AUDIENCE, PUBLIC, Field.Store.NO));
    return d;
  }

  /** A group: a private one only for those who may know it (checked again when found). */
  static Document group(Groups.Group g) {
    if (g == null) return null;
    Document d = base(groupKey(g.id), GROUP_TYPE);
    d.add(new TextField(NAME, g.name, Field.Store.NO));
    text(d, (g.description == null ? "" : g.description) + " " + String.join(" ", g.topics));
    for (String t : g.topics) d.add(new StringField(TAG, t, Field.Store.NO));
    d.add(new StringField(AUDIENCE, g.isPrivate ? g.id : PUBLIC, Field.Store.NO));
    d.add(new NumericDocValuesField(AT, g.createdAt.toEpochMilli()));
    return d;
  }

  /**
   * A topic its owners described, found by the words of its description ("who handles #k8s?" asked
   * as "kubernetes clusters"); null for one that says nothing of itself, which search finds by the
   * start of its name alone. Public, as the topic's page is.
   */
  static Document topic(String tag, String description) {
    if (description == null || description.isEmpty()) return null;
    Document d = base(topicKey(tag), TOPIC_TYPE);
    d.add(new TextField(NAME, tag, Field.Store.NO));
    text(d, description);
    d.add(new StringField(TAG, tag, Field.Store.NO));
    d.add(new StringField(AUDIENCE, PUBLIC, Field.Store.NO));
    return d;
  }

  private static Document base(String key, String type) {
    Document d = new Document();
    // the key alone is stored, and names both the type and the id of a hit: a second field unique to
    // each document (its id) cost every post another term to write and merge
    d.add(new StringField(KEY, key, Field.Store.YES));
    d.add(new StringField(TYPE, type, Field.Store.NO));
    return d;
  }

  private static void text(Document d, String text) {
    d.add(new TextField(TEXT, text, Field.Store.NO));
  }
}
