package no.deling.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.deling.groups.Groups;
import no.deling.posts.PostView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostJson;
import no.deling.questions.Questions;
import no.deling.readmodel.ReadModel;
import no.deling.users.UserJson;
import no.deling.users.Person;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Queries the index as one viewer: the words (simple syntax: {@code "phrases"}, {@code -not},
 * {@code prefix*}) in Norwegian and English text and names, the filters, and the one visibility
 * rule twice — as a filter on the audience (public, or a private group the viewer is in now, so a
 * membership change counts at once) and again on every hit against the read side (a post deleted
 * a moment ago and not yet re-indexed is still never shown).
 */
public final class Search {
  private static final Map<String, Float> FIELDS =
      Map.of(SearchDocuments.TEXT, 1f, SearchDocuments.NAME, 2f);
  private static final int SLACK = 20;

  /** What to look for. {@code types} among post, question, idea, person, group; empty for all. */
  public record Request(String text, List<String> types, String tag, String author, String group, Long fromMillis, Long toMillis,
      String status, int offset, int limit, boolean anyWord) {}

  /**
   * One result, rendered by the caller from the read side. {@code post} set for posts, and so on;
   * {@code text} is what the snippet is taken from, as it was under the read lock.
   */
  public record Hit(String type, PostView post, Person person, Groups.Group group, String text, String snippet) {
    Hit withSnippet(String s) {
      return new Hit(type, post, person, group, text, s);
    }
  }

  public record Result(List<Hit> hits, long total, Integer next) {}

  private final SearchIndex index;
  private final ReadModel m;
  private final UnifiedHighlighter highlighter;

  public Search(SearchIndex index, ReadModel model) {
    this.index = index;
    this.m = model;
    this.highlighter = UnifiedHighlighter.builderWithoutSearcher(index.analyzerForQueries())
        .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true)).withMaxLength(10_000)
        // re-analysing the text as a token stream: the default (weighing matches, most relevant
        // passage) builds an in-memory index per hit, which was half of a search's time
        .withWeightMatches(false).withPassageRelevancyOverSpeed(false).build();
  }

  /**
   * A page of results as {@code viewer} may see them, rendered from the read side: {@code
   * {"items","total","next"}}. Blocking (Lucene): call it on a worker thread.
   */
  public JsonObject page(Request r, String viewer) {
    Result result = search(r, viewer);
    JsonArray items = new JsonArray();
    m.read(() -> {
      for (Hit h : result.hits()) {
        if (h.post() != null) {
          // the post as it is now (a post read back from a snapshot is a copy decoded for the search): deleted or left since
          // the search, it is skipped
          PostView now = m.posts.get(h.post().id);
          if (!m.maySee(viewer, now)) continue;
          h = new Hit(h.type(), now, h.person(), h.group(), h.text(), h.snippet());
        }
        items.add(render(h, viewer));
      }
      return null;
    });
    return new JsonObject().put("items", items).put("total", result.total()).put("next", result.next() == null ? null : result.next().toString());
  }

  private JsonObject render(Hit h, String viewer) {
    JsonObject o = new JsonObject().put("type", h.type());
    if (h.post() != null) {
      o.put("post", PostJson.of(h.post(), viewer, m));
      Questions.Question q = h.post().isQuestion() ? m.questions.get(h.post().id) : null;
      if (q != null) {
        long accepted = m.questions.acceptedAnswer(q);
        o.put("status", m.questions.status(q).wire()).put("answers", q.answers)
            .put("acceptedAnswer", accepted == 0 ? null : PostIds.format(accepted));
      }
    }
    if (h.person() != null) o.put("person", UserJson.summary(h.person().id(), h.person()));
    if (h.group() != null) {
      o.put("group", new JsonObject().put("id", h.group().id).put("name", h.group().name).put("description", h.group().description)
          .put("topics", new JsonArray(h.group().topics)).put("access", h.group().isPrivate ? "private" : "open"));
    }
    if (h.snippet() != null) o.put("snippet", h.snippet());
    return o;
  }

  /** Blocking (Lucene). */
  public Result search(Request r, String viewer) {
    Query words = words(r);
    Query query = withFilters(words, r, viewer, m);
    int wanted = r.offset() + r.limit() + SLACK;
    return index.withSearcher(searcher -> {
      TopDocs top = r.text() == null || r.text().isBlank()
          ? searcher.search(query, wanted, new Sort(new SortField(SearchDocuments.AT, SortField.Type.LONG, true)))
          : searcher.search(query, wanted);
      List<Found> found = new ArrayList<>(top.scoreDocs.length);
      var stored = searcher.storedFields();
      for (ScoreDoc sd : top.scoreDocs) {
        String key = stored.document(sd.doc).get(SearchDocuments.KEY);
        found.add(new Found(SearchDocuments.typeOf(key), SearchDocuments.idOf(key)));
      }
      List<Hit> visible = m.read(() -> visibleHits(found, viewer, m, r.offset() + r.limit()));
      List<Hit> page = new ArrayList<>();
      // snippets for the page only, outside the read lock (the texts are immutable strings)
      for (int i = r.offset(); i < Math.min(r.offset() + r.limit(), visible.size()); i++) page.add(visible.get(i).withSnippet(snippet(words, visible.get(i))));
      boolean more = visible.size() > r.offset() + r.limit() || top.totalHits.value > wanted;
      return new Result(page, top.totalHits.value, more ? r.offset() + r.limit() : null);
    });
  }

  private record Found(String type, String id) {}

  /** Under the read lock: each hit as the read side has it now, if the viewer may see it; {@code enough} of them. */
  private static List<Hit> visibleHits(List<Found> found, String viewer, ReadModel m, int enough) {
    List<Hit> out = new ArrayList<>();
    for (Found f : found) {
      if (out.size() > enough) break;
      String id = f.id();
      String type = f.type();
      if (SearchDocuments.POST.equals(type)) {
        PostView p = m.posts.get(Long.parseLong(id));
        if (m.maySee(viewer, p)) out.add(new Hit(type, p, null, null, p.text(), null));
      } else if (SearchDocuments.PERSON.equals(type)) {
        Person p = m.people.get(id);
        if (p != null && p.active()) out.add(new Hit(type, null, p, null, about(p), null));
      } else if (SearchDocuments.GROUP_TYPE.equals(type)) {
        Groups.Group g = m.groups.get(id);
        if (g != null && m.groups.mayKnow(viewer, g)) out.add(new Hit(type, null, null, g, g.description, null));
      }
    }
    return out;
  }

  private static String about(Person p) {
    return (p.department() == null ? "" : p.department()) + (p.title() == null ? "" : " · " + p.title());
  }

  /** The best passage with the matched words marked (HTML-escaped), or null when nothing in it matched. */
  private String snippet(Query words, Hit hit) {
    String text = hit.text();
    if (words == null || text == null || text.isEmpty()) return null;
    try {
      Object s = highlighter.highlightWithoutSearcher(SearchDocuments.TEXT, words, text, 1);
      return s != null && s.toString().contains("<mark>") ? s.toString() : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Topics whose own description (or name) holds all of {@code text}'s words, the best matches
   * first, {@code limit} at most, each still described as the read side has it now. Public, as a
   * topic's page is. Blocking (Lucene).
   */
  public List<String> topicsDescribedBy(String text, int limit) {
    Query words = words(new Request(text, List.of(), null, null, null, null, null, null, 0, limit, false));
    if (words == null) return List.of();
    Query query = new BooleanQuery.Builder().add(words, Occur.MUST)
        .add(new TermQuery(new Term(SearchDocuments.TYPE, SearchDocuments.TOPIC_TYPE)), Occur.FILTER).build();
    return index.withSearcher(searcher -> {
      TopDocs top = searcher.search(query, limit);
      List<String> tags = new ArrayList<>(top.scoreDocs.length);
      var stored = searcher.storedFields();
      for (ScoreDoc sd : top.scoreDocs) tags.add(SearchDocuments.idOf(stored.document(sd.doc).get(SearchDocuments.KEY)));
      return m.read(() -> tags.stream().filter(t -> !m.topicStewards.description(t).isEmpty()).toList());
    });
  }

  /** Words a query may have: each becomes a clause per field, and Lucene caps clauses at 1024. */
  static final int MAX_WORDS = 64;

  private Query words(Request r) {
    if (r.text() == null || r.text().isBlank()) return null;
    String[] words = r.text().trim().split("\\s+");
    if (words.length > MAX_WORDS) {
      // similar questions look at the start of what is being typed; a search says what is wrong
      if (!r.anyWord()) throw new no.deling.core.command.Rejection.Invalid("q", "max-words", "a search has at most " + MAX_WORDS + " words");
      return parse(String.join(" ", java.util.Arrays.copyOf(words, MAX_WORDS)), true);
    }
    return parse(r.text(), r.anyWord());
  }

  private Query parse(String text, boolean anyWord) {
    SimpleQueryParser parser = new SimpleQueryParser(index.analyzerForQueries(), FIELDS);
    parser.setDefaultOperator(anyWord ? Occur.SHOULD : Occur.MUST);
    return parser.parse(text);
  }

  private static Query withFilters(Query words, Request r, String viewer, ReadModel m) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(words == null ? new MatchAllDocsQuery() : words, Occur.MUST);
    // topics are named beside the results (see #topicsDescribedBy), never among them
    b.add(new TermQuery(new Term(SearchDocuments.TYPE, SearchDocuments.TOPIC_TYPE)), Occur.MUST_NOT);
    if (!r.types().isEmpty()) {
      BooleanQuery.Builder types = new BooleanQuery.Builder();
      for (String t : r.types()) {
        switch (t) {
          case "post", "question", "idea" -> types.add(new BooleanQuery.Builder()
              .add(new TermQuery(new Term(SearchDocuments.TYPE, SearchDocuments.POST)), Occur.FILTER)
              .add(new TermQuery(new Term(SearchDocuments.KIND, t)), Occur.FILTER).build(), Occur.SHOULD);
          case "person" -> types.add(new TermQuery(new Term(SearchDocuments.TYPE, SearchDocuments.PERSON)), Occur.SHOULD);
          case "group" -> types.add(new TermQuery(new Term(SearchDocuments.TYPE, SearchDocuments.GROUP_TYPE)), Occur.SHOULD);
          default -> throw new IllegalArgumentException(t);
        }
      }
      b.add(types.build(), Occur.FILTER);
    }
    if (r.tag() != null) b.add(new TermQuery(new Term(SearchDocuments.TAG, r.tag())), Occur.FILTER);
    if (r.author() != null) b.add(new TermQuery(new Term(SearchDocuments.AUTHOR, r.author())), Occur.FILTER);
    if (r.group() != null) b.add(new TermQuery(new Term(SearchDocuments.GROUP, r.group())), Occur.FILTER);
    if (r.status() != null) b.add(new TermQuery(new Term(SearchDocuments.STATUS, r.status())), Occur.FILTER);
    if (r.fromMillis() != null || r.toMillis() != null) {
      // on doc values, checked only for documents the words matched: a points index cost every post a
      // tree to write, for a filter that is seldom asked
      b.add(org.apache.lucene.document.NumericDocValuesField.newSlowRangeQuery(SearchDocuments.AT,
          r.fromMillis() == null ? Long.MIN_VALUE : r.fromMillis(), r.toMillis() == null ? Long.MAX_VALUE : r.toMillis()), Occur.FILTER);
    }
    b.add(audience(viewer, m), Occur.FILTER);
    return b.build();
  }

  /** Public, or a private group the viewer is a member of now. */
  private static Query audience(String viewer, ReadModel m) {
    BooleanQuery.Builder a = new BooleanQuery.Builder();
    a.add(new TermQuery(new Term(SearchDocuments.AUDIENCE, SearchDocuments.PUBLIC)), Occur.SHOULD);
    List<Groups.Group> mine = m.read(() -> m.groups.memberOf(viewer));
    for (Groups.Group g : mine) if (g.isPrivate) a.add(new TermQuery(new Term(SearchDocuments.AUDIENCE, g.id)), Occur.SHOULD);
    return a.build();
  }
}
