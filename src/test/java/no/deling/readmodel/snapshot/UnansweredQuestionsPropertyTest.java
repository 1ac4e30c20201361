package no.deling.readmodel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import no.deling.core.collections.Interner;
import no.deling.core.collections.LongList;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.questions.QuestionEvent.AcceptanceWithdrawn;
import no.deling.questions.QuestionEvent.AnswerAccepted;
import no.deling.questions.Questions;

/**
 * The questions keep their unanswered ones apart, so that a topic's waiting count and the
 * unanswered list walk those alone. Whatever is asked, answered (by the asker or others), accepted,
 * withdrawn and deleted, and wherever the read model went through a snapshot, that list must be
 * exactly the questions whose status is unanswered, in the order asked; and narrowed to some posts
 * (a topic's), the questions found must not depend on which list was walked. (In this package for
 * the snapshot's own writer and reader.)
 */
class UnansweredQuestionsPropertyTest {
  private static final String[] PEOPLE = {"alice", "bob", "carol", "dave"};

  @Property(tries = 100)
  void theUnansweredAreExactlyThoseWhoseStatusSaysSo(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int events,
      @ForAll @IntRange(min = 0, max = 3) int snapshots) {
    Random random = new Random(seed);
    PostIndex posts = new PostIndex(new Interner());
    Questions questions = new Questions(posts);
    List<Integer> cuts = new ArrayList<>();
    for (int i = 0; i < snapshots; i++) cuts.add(random.nextInt(events));
    History history = new History(random);
    for (int i = 0; i < events; i++) {
      for (int cut : cuts) if (cut == i) questions = throughASnapshot(questions, posts);
      DomainEvent e = history.next(i, posts);
      if (e == null) continue;
      posts.on(e, i + 1); // the questions are registered after the posts, as in the read model
      questions.on(e);
      assertThat(unanswered(questions, true)).as("after event %d, %s", i, e).isEqualTo(byStatus(questions));
    }
    questions = throughASnapshot(questions, posts);
    List<Long> expected = byStatus(questions);
    assertThat(unanswered(questions, true)).isEqualTo(expected);
    List<Long> oldestFirst = new ArrayList<>(expected);
    java.util.Collections.reverse(oldestFirst);
    assertThat(unanswered(questions, false)).isEqualTo(oldestFirst);
    // narrowed to some posts (a topic's, a group's, an author's): the same questions whichever list is walked
    LongList among = new LongList();
    for (long id = 1_000; id < 1_000 + events; id++) if (posts.get(id) != null && random.nextInt(3) > 0) among.insertSorted(id);
    for (boolean unansweredOnly : new boolean[] {false, true}) {
      Questions qs = questions;
      List<Long> all = unansweredOnly ? expected : qs.newestFirst(null, false, Long.MAX_VALUE, Integer.MAX_VALUE - 1, q -> true).stream().map(q -> q.id).toList();
      // as its callers do, the filter keeps only what it is narrowed to, so that walking the questions is no different
      assertThat(qs.newestFirst(among, unansweredOnly, Long.MAX_VALUE, Integer.MAX_VALUE - 1, q -> among.contains(q.id)).stream().map(q -> q.id).toList())
          .as("unanswered only: %s, among %d posts", unansweredOnly, among.size()).isEqualTo(all.stream().filter(among::contains).toList());
    }
    if (expected.size() > 2) { // paging: before an id, at most a limit, one more telling of a next page
      long before = expected.get(1);
      assertThat(questions.newestFirst(null, true, before, 1, q -> true).stream().map(q -> q.id).toList())
          .isEqualTo(expected.subList(2, Math.min(4, expected.size())));
    }
  }

  private static List<Long> unanswered(Questions questions, boolean newestFirst) {
    List<Long> out = new ArrayList<>();
    if (newestFirst) {
      questions.newestFirst(null, true, Long.MAX_VALUE, Integer.MAX_VALUE - 1, q -> true).forEach(q -> out.add(q.id));
    } else {
      questions.unansweredOldestFirst(q -> out.add(q.id));
    }
    return out;
  }

  private static List<Long> byStatus(Questions questions) {
    return questions.newestFirst(null, false, Long.MAX_VALUE, Integer.MAX_VALUE - 1, q -> questions.status(q) == Questions.Status.UNANSWERED).stream()
        .map(q -> q.id).toList();
  }

  private static Questions throughASnapshot(Questions questions, PostIndex posts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CompactWriter w = new CompactWriter(bytes);
    questions.writeState(w);
    w.flush();
    Questions back = new Questions(posts);
    try {
      back.readState(new CompactReader(new ByteArrayInputStream(bytes.toByteArray())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return back;
  }

  /** Events as the deciders would allow them: answers to live questions, acceptances of live colleagues' answers, each post deleted once. */
  private static final class History {
    private final Random random;
    private final List<Long> questions = new ArrayList<>();
    private final List<Long> answers = new ArrayList<>();

    History(Random random) {
      this.random = random;
    }

    DomainEvent next(int i, PostIndex posts) {
      long id = 1_000 + i;
      String who = PEOPLE[random.nextInt(PEOPLE.length)];
      int what = questions.isEmpty() ? 0 : random.nextInt(10);
      Instant at = Instant.ofEpochMilli(1_000_000 + i);
      if (what < 3) {
        questions.add(id);
        return new PostPublished(PostIds.format(id), who, "why? #ops", null, PostIds.format(id), List.of("ops"), List.of(), List.of(), at, null,
            "question", null);
      }
      long q = questions.get(random.nextInt(questions.size()));
      PostView question = posts.get(q);
      if (what < 6) {
        if (question.deleted) return null;
        answers.add(id);
        return new PostPublished(PostIds.format(id), random.nextInt(4) == 0 ? question.author : who, "because", PostIds.format(q), PostIds.format(q),
            List.of(), List.of(), List.of(), at, null, null, null);
      }
      if (what < 8 && !answers.isEmpty()) {
        PostView answer = posts.get(answers.get(random.nextInt(answers.size())));
        PostView asked = posts.get(answer.inReplyTo);
        if (answer.deleted || asked.deleted || answer.author.equals(asked.author)) return null;
        return new AnswerAccepted(PostIds.format(asked.id), PostIds.format(answer.id), asked.author, answer.author, at);
      }
      if (what < 9) return new AcceptanceWithdrawn(PostIds.format(q), null, question.author, at);
      List<Long> all = new ArrayList<>(questions);
      all.addAll(answers);
      PostView gone = posts.get(all.get(random.nextInt(all.size())));
      return gone.deleted ? null : new PostDeleted(PostIds.format(gone.id), gone.author, at);
    }
  }
}
