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
 * What the index holds for a post, a person and a group, built from the read side as it is now
 * (so re-indexing one is always right, however often). Documents hold only what queries match and
 * filter on; results are rendered from the read side, so nothing is stored twice. Call under the
 * read model's read lock.
 */
final class SearchDocuments {
  static final String KEY = "key";
  static final String TYPE = "type";
  static final String ID = "id";
  static final String KIND = "kind";
  static final String TEXT_NO = "text_no";
  static final String TEXT_EN = "text_en";
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

  private SearchDocuments() {}

  static String postKey(long id) {
    return "post:" + id;
  }

  static String personKey(String id) {
    return "person:" + id;
  }

  static String groupKey(String id) {
    return "group:" + id;
  }

  /** A post, question or idea; null when it is gone (deleted, or never seen). */
  static Document post(PostView p, ReadModel m) {
    if (p == null || p.deleted) return null;
    Document d = base(postKey(p.id), POST, Long.toString(p.id));
    d.add(new StringField(KIND, p.kind == null ? "post" : p.kind, Field.Store.NO));
    text(d, p.text());
    for (String t : p.hashtags) d.add(new StringField(TAG, t, Field.Store.NO));
    d.add(new StringField(AUTHOR, p.author, Field.Store.NO));
    if (p.group != null) d.add(new StringField(GROUP, p.group, Field.Store.NO));
    d.add(new StringField(AUDIENCE, p.group != null && m.groups.isPrivate(p.group) ? p.group : PUBLIC, Field.Store.NO));
    d.add(new NumericDocValuesField(AT, p.publishedAt)); // sorts, and filters dates (no points: see Search#withFilters)
    Questions.Question q = p.isQuestion() ? m.questions.get(p.id) : null;
    if (q != null) d.add(new StringField(STATUS, m.questions.status(q).wire(), Field.Store.NO));
    return d;
  }

  /** A person the directory lists as active, found by name, department, title and the skills they show. */
  static Document person(Person p, ReadModel m) {
    if (p == null || !p.active()) return null;
    Document d = base(personKey(p.id()), PERSON, p.id());
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
    Document d = base(groupKey(g.id), GROUP_TYPE, g.id);
    d.add(new TextField(NAME, g.name, Field.Store.NO));
    text(d, (g.description == null ? "" : g.description) + " " + String.join(" ", g.topics));
    for (String t : g.topics) d.add(new StringField(TAG, t, Field.Store.NO));
    d.add(new StringField(AUDIENCE, g.isPrivate ? g.id : PUBLIC, Field.Store.NO));
    d.add(new NumericDocValuesField(AT, g.createdAt.toEpochMilli()));
    return d;
  }

  private static Document base(String key, String type, String id) {
    Document d = new Document();
    d.add(new StringField(KEY, key, Field.Store.NO));
    d.add(new StringField(TYPE, type, Field.Store.YES));
    d.add(new StringField(ID, id, Field.Store.YES));
    return d;
  }

  private static void text(Document d, String text) {
    d.add(new TextField(TEXT_NO, text, Field.Store.NO));
    d.add(new TextField(TEXT_EN, text, Field.Store.NO));
  }
}
