package no.deling.readmodel;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Supplier;
import no.deling.announcements.Announcements;
import no.deling.core.collections.Interner;
import no.deling.core.eventstore.LogEvent;
import no.deling.core.ids.PostIds;
import no.deling.core.projection.ProjectionEngine;
import no.deling.core.projection.ProjectionEngine.Registration;
import no.deling.announcements.AnnouncementEvent;
import no.deling.endorsements.EndorsementEvent;
import no.deling.follows.FollowEvent;
import no.deling.groups.GroupEvent;
import no.deling.posts.PostEvent;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.shares.ShareEvent;
import no.deling.users.UserEvent;
import no.deling.endorsements.Endorsements;
import no.deling.follows.FollowGraph;
import no.deling.groups.Groups;
import no.deling.posts.PostContext;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostIndex;
import no.deling.posts.PostJsonCache;
import no.deling.posts.PostView;
import no.deling.shares.Shares;
import no.deling.timelines.Timelines;
import no.deling.users.People;
import no.deling.users.Person;
import no.deling.visibility.Visibility;

/**
 * The in-memory read side: every feature's read model, registered with one {@link
 * ProjectionEngine} in the order below, and the questions routes ask across them. Rebuilt from the
 * log at start-up; the log is the truth.
 *
 * <p>To plug in a feature: give it a read model with an {@code on(event)} method, register it in
 * {@link #projections} after the models it reads, and expose it here for its routes. Visibility
 * is not the feature's to decide: ask {@link Visibility} with {@link #memberships()} and {@link
 * #follows()}.
 */
public final class ReadModel implements PostContext, no.deling.core.projection.ReadLock {
  public final People people;
  public final FollowGraph follows;
  public final Groups groups;
  public final Endorsements endorsements;
  public final Shares shares;
  public final PostIndex posts;
  public final Timelines timelines;
  public final Announcements announcements;
  public final no.deling.questions.Questions questions;
  public final no.deling.skills.Skills skills;
  public final no.deling.ideas.Ideas ideas;
  public final no.deling.links.Links links;
  public final no.deling.pulse.PulseAudit pulseAudit;
  /** The relationship figures, refreshed on a schedule (not a projection: computed from the ones above). */
  public final no.deling.pulse.PulseNetwork pulse;
  /** What happened per hour, and first contributions (the pulse's activity and new voices); null with the pulse off. */
  public final no.deling.pulse.ActivityLog activity;
  /** The counts trending topics come from; null with the pulse off. */
  public final no.deling.pulse.TopicTrends trends;
  /** "Who knows X" (see {@link no.deling.experts.ExpertRanking} for the scoring). */
  public final no.deling.experts.ExpertRanking experts;
  private final no.deling.experts.ExpertIndex expertIndex;
  /** What each request with an Idempotency-Key created (posts). */
  public final no.deling.core.idempotency.IdempotencyKeys idempotency;
  /** Open reports, the moderators' queue. */
  public final no.deling.moderation.Reports reports;
  /** Who follows and who muted which conversations (for notifications of new replies). */
  public final no.deling.notifications.ThreadSubscriptions threadSubscriptions;
  /** Each person's saved posts. */
  public final no.deling.saved.SavedPosts saved;
  /** The posts through which each person recently turned to someone or someone to them (their own network figures). */
  public final no.deling.pulse.OwnTies ownTies;
  /** Polls' choices and tallies. */
  public final no.deling.polls.Polls polls;
  /** Each group's pinned posts. */
  public final no.deling.groups.PinnedPosts pins;
  /** Topics' owners, descriptions and pinned posts. */
  public final no.deling.topics.TopicStewards topicStewards;
  /** Groups' integrations, and the names their posts show. */
  public final no.deling.integrations.Integrations integrations;
  /** Uploaded files, and which posts show them. */
  public final no.deling.files.Files files;
  /** Who has devices to push notifications to. */
  public final no.deling.push.PushDevices pushDevices;
  /** Encoded posts for timeline pages; see {@link PostJsonCache}. */
  public final PostJsonCache json = new PostJsonCache();

  private final ModelState state;
  private final ProjectionEngine engine;
  private final Visibility.Follows followsView;
  private final Queries queries;

  public ReadModel(int homeBound, int fanOutLimit) {
    this(homeBound, fanOutLimit, true);
  }

  /** @param pulse whether to keep the pulse's read models (an organisation may turn the pulse off) */
  public ReadModel(int homeBound, int fanOutLimit, boolean pulse) {
    this(ModelState.empty(homeBound, fanOutLimit, pulse), 0);
  }

  /**
   * A read side that serves from {@code state}, which has applied the log up to {@code position}
   * (a snapshot read back; 0 and an empty state for a rebuild from the start).
   */
  public ReadModel(ModelState state, long position) {
    this.state = state;
    people = state.people;
    follows = state.follows;
    groups = state.groups;
    endorsements = state.endorsements;
    shares = state.shares;
    posts = state.posts;
    followsView = state.followsView;
    timelines = state.timelines;
    announcements = state.announcements;
    questions = state.questions;
    skills = state.skills;
    ideas = state.ideas;
    links = state.links;
    pulseAudit = state.pulseAudit;
    this.pulse = state.pulse;
    expertIndex = state.expertIndex;
    experts = state.experts;
    activity = state.activity;
    trends = state.trends;
    idempotency = state.idempotency;
    reports = state.reports;
    threadSubscriptions = state.threadSubscriptions;
    saved = state.saved;
    ownTies = state.ownTies;
    polls = state.polls;
    pins = state.pins;
    topicStewards = state.topicStewards;
    integrations = state.integrations;
    files = state.files;
    pushDevices = state.pushDevices;
    boolean pulseOn = activity != null;
    List<Registration> registrations = new java.util.ArrayList<>(List.of(
        Registration.of((e, at, key) -> people.on(e), UserEvent.class, no.deling.integrations.IntegrationEvent.IntegrationCreated.class,
            no.deling.users.PhotoEvent.class, no.deling.files.FileEvent.FileDeleted.class),
        Registration.of((e, at, key) -> announcements.on(e, at), AnnouncementEvent.class, UserEvent.PersonErased.class,
            no.deling.privacy.RetentionEvent.RetentionApplied.class),
        Registration.of((e, at, key) -> groups.on(e), GroupEvent.class)));
    if (pulseOn) {
      // before the posts, endorsements and shares: they tell whether an event was seen before a restart
      registrations.add(Registration.of((e, at, key) -> activity.on(e), PostPublished.class, EndorsementEvent.PostEndorsed.class,
          ShareEvent.PostShared.class, UserEvent.PersonErased.class));
      registrations.add(Registration.of((e, at, key) -> trends.on(e), PostPublished.class));
    }
    registrations.addAll(List.of(
        Registration.of((e, at, key) -> endorsements.on(e), EndorsementEvent.class),
        Registration.of((e, at, key) -> shares.on(e), ShareEvent.class),
        Registration.of((e, at, key) -> {
          if (key != null) idempotency.remember(((PostPublished) e).author(), key, PostIds.parse(((PostPublished) e).postId()),
              ((PostPublished) e).publishedAt().toEpochMilli());
        }, PostPublished.class),
        Registration.of(this::postsAndTimelines, PostEvent.class, FollowEvent.class, GroupEvent.GroupMemberJoined.class,
            GroupEvent.GroupMemberRemoved.class),
        // after the posts: a question's answers are looked up there
        Registration.of((e, at, key) -> questions.on(e), PostPublished.class, PostEvent.PostDeleted.class,
            no.deling.questions.QuestionEvent.class),
        Registration.of((e, at, key) -> skills.on(e), no.deling.skills.SkillEvent.class),
        Registration.of((e, at, key) -> threadSubscriptions.on(e), no.deling.notifications.NotificationEvent.ThreadSubscriptionSet.class),
        Registration.of((e, at, key) -> saved.on(e, at), no.deling.saved.SavedEvent.class, UserEvent.PersonErased.class),
        // after the posts: a reply's parent and an edited post are looked up there
        Registration.of((e, at, key) -> ownTies.on(e), PostPublished.class, PostEdited.class, EndorsementEvent.PostEndorsed.class,
            UserEvent.PersonErased.class),
        Registration.of((e, at, key) -> pins.on(e), no.deling.groups.PinEvent.class),
        Registration.of((e, at, key) -> topicStewards.on(e), no.deling.topics.TopicEvent.class, UserEvent.PersonErased.class,
            no.deling.privacy.RetentionEvent.RetentionApplied.class),
        Registration.of((e, at, key) -> files.on(e), no.deling.files.FileEvent.class, PostPublished.class, PostEdited.class, UserEvent.PersonErased.class,
            no.deling.privacy.RetentionEvent.RetentionApplied.class),
        Registration.of((e, at, key) -> integrations.on(e, at), no.deling.integrations.IntegrationEvent.class, PostPublished.class),
        Registration.of((e, at, key) -> polls.on(e), PostPublished.class, PostEvent.PostDeleted.class, no.deling.polls.PollEvent.class,
            UserEvent.PersonErased.class),
        Registration.of((e, at, key) -> reports.on(e, at), no.deling.moderation.ModerationEvent.class, PostEvent.PostDeleted.class,
            UserEvent.PersonErased.class, no.deling.privacy.RetentionEvent.RetentionApplied.class),
        // after the endorsements: an idea rises with its count
        Registration.of((e, at, key) -> ideas.on(e, at, endorsements::count), PostPublished.class, no.deling.ideas.IdeaEvent.class, no.deling.endorsements.EndorsementEvent.class,
            UserEvent.PersonErased.class,
            no.deling.privacy.RetentionEvent.RetentionApplied.class),
        Registration.of((e, at, key) -> links.on(e), PostPublished.class, PostEdited.class, no.deling.links.LinkEvent.class,
            UserEvent.PersonErased.class, no.deling.privacy.RetentionEvent.RetentionApplied.class),
        Registration.of((e, at, key) -> pushDevices.on(e), no.deling.push.PushEvent.PushSubscribed.class,
            no.deling.push.PushEvent.PushUnsubscribed.class, UserEvent.PersonErased.class),
        Registration.of((e, at, key) -> pulseAudit.on(e, at), no.deling.pulse.PulseEvent.PulseViewed.class),
        Registration.of((e, at, key) -> pulse.on(e), no.deling.pulse.PulseEvent.NetworkFiguresRecorded.class),
        // after the posts and questions: it indexes answers and endorsed posts under their topics
        Registration.of((e, at, key) -> expertIndex.on(e), PostPublished.class, PostEdited.class, EndorsementEvent.PostEndorsed.class)));
    // the decoder interns with its own table: it may run on the store's reader thread while the models apply
    engine = new ProjectionEngine(new BatchDecoder(new Interner()), registrations, this::consequences);
    engine.resumeAt(position);
    queries = Queries.of(this);
  }

  /** What a snapshot writes: every model, without the engine, its listeners or any cache. */
  public ModelState state() {
    return state;
  }

  /** What routes ask (see {@link Queries}). */
  public Queries queries() {
    return queries;
  }

  /**
   * Erasing a person (or retention expiring a month) deletes each of their live posts, as if they had deleted them at that moment:
   * a rebuild never opens those posts (their keys are gone), and the running read side, its
   * listeners (stream, search, notifications) and its caches forget them the way they forget any
   * deleted post. Replies by others stay, as replies to a removed post.
   */
  private List<no.deling.core.events.DomainEvent> consequences(no.deling.core.events.DomainEvent e, boolean replay) {
    if (!(e instanceof UserEvent.PersonErased) && !(e instanceof no.deling.privacy.RetentionEvent.RetentionApplied)) return List.of();
    List<no.deling.core.events.DomainEvent> deletes = new java.util.ArrayList<>();
    if (e instanceof UserEvent.PersonErased erased) {
      for (long id : timelines.authoredBy(erased.userId())) {
        PostView v = posts.get(id);
        if (v != null && (!v.deleted || replay)) deletes.add(new PostEvent.PostDeleted(PostIds.format(id), erased.userId(), erased.erasedAt()));
      }
    } else if (e instanceof no.deling.privacy.RetentionEvent.RetentionApplied expired) {
      // retention: posts of the months whose keys are gone (a post edited later still went with its month)
      long keptFrom = expired.keptFromMillis();
      posts.forEach(publishedAt -> publishedAt < keptFrom, v -> {
        if ((!v.deleted || replay) && v.publishedAt < keptFrom) deletes.add(new PostEvent.PostDeleted(PostIds.format(v.id), v.author, expired.at()));
      });
    }
    return deletes;
  }

  /**
   * Timelines need the follow graph's answer (did it change?) and a post's tags before an edit,
   * so the graph, the posts and the timelines are one projection, applied in that order.
   */
  private void postsAndTimelines(no.deling.core.events.DomainEvent e, long at, String idempotencyKey) {
    String[] previousTags = null;
    boolean deletedBefore = false;
    if (e instanceof PostEdited || e instanceof PostEvent.PostDeleted) {
      // the tags before an edit, or before a delete takes them (a deleted post's topics count it no longer)
      PostView before = posts.get(PostIds.parse(e instanceof PostEdited edited ? edited.postId() : ((PostEvent.PostDeleted) e).postId()));
      previousTags = before == null ? null : before.hashtags;
      // a post deleted twice (erased after its author deleted it, as a replay sees it) is counted as deleted once
      deletedBefore = before != null && before.deleted;
    }
    boolean graphChanged = follows.on(e);
    PostView post = posts.on(e, at);
    if (deletedBefore) post = null;
    timelines.on(e, graphChanged, previousTags, post);
  }

  /** The engine's listeners hear of every event after every read model applied it. */
  public void onApplied(ProjectionEngine.AppliedListener listener) {
    engine.onApplied(listener);
  }

  /** Runs on the projection thread after each batch, outside the lock. */
  public void afterEachBatch(Runnable hook) {
    engine.afterEachBatch(hook);
  }

  public void apply(List<LogEvent> batch) {
    engine.apply(batch);
  }

  /** Decodes a batch for {@link #apply(List, ProjectionEngine.Decoded)}; safe on any thread (see {@link ProjectionEngine#decode}). */
  public ProjectionEngine.Decoded decode(List<LogEvent> batch) {
    return engine.decode(batch);
  }

  public void apply(List<LogEvent> batch, ProjectionEngine.Decoded decoded) {
    engine.apply(batch, decoded);
  }

  /**
   * Events read again from the log (before the snapshot the read side started from), each after
   * what it implies in other events' terms (an erasure's deletes), as a listener would have heard
   * them. Takes the read lock.
   */
  public List<no.deling.core.events.DomainEvent> withImplied(no.deling.core.events.DomainEvent[] events) {
    return read(() -> {
      List<no.deling.core.events.DomainEvent> out = new java.util.ArrayList<>(events.length);
      for (no.deling.core.events.DomainEvent e : events) {
        if (e == null) continue;
        out.addAll(consequences(e, true));
        out.add(e);
      }
      return out;
    });
  }

  /** See {@link ProjectionEngine#tellAgain}; {@code decoded} by a {@link #separateDecoder}. */
  public int tellAgain(List<LogEvent> batch, ProjectionEngine.Decoded decoded, long after, long upTo, ProjectionEngine.AppliedListener to) {
    return engine.tellAgain(batch, decoded, after, upTo, to);
  }

  /** A decoder for another thread than the projection thread (the read model's own is that thread's). */
  public static ProjectionEngine.Decoder separateDecoder() {
    return new BatchDecoder(new Interner());
  }

  public void applyDecoded(no.deling.core.events.DomainEvent e, long at, String idempotencyKey) {
    engine.applyDecoded(e, at, idempotencyKey);
  }

  /** Runs {@code change} under the write lock between batches (see {@link ProjectionEngine#exclusive}). Projection thread. */
  public void exclusive(Runnable change) {
    engine.exclusive(change);
  }

  /** Runs a query under the read lock. Keep queries short and free of IO. */
  @Override
  public <T> T read(Supplier<T> query) {
    return engine.read(query);
  }

  @Override
  public <T> io.vertx.core.Future<T> readWithoutWaiting(Supplier<T> query) {
    return engine.readWithoutWaiting(query);
  }

  public long position() {
    return engine.position();
  }

  public long eventsApplied() {
    return engine.eventsApplied();
  }

  public Future<Void> awaitPosition(Vertx vertx, long target, long timeoutMs) {
    return engine.awaitPosition(vertx, target, timeoutMs);
  }

  /**
   * As {@link #awaitPosition}, but fails at once while applying stands still for a snapshot (see
   * {@link #pausedFor}): read-your-writes, which answers anyway when waiting fails.
   */
  public Future<Void> awaitPositionUnlessPaused(Vertx vertx, long target, long timeoutMs) {
    long started = System.nanoTime();
    return engine.awaitPositionUnlessPaused(vertx, target, timeoutMs).andThen(r -> {
      readYourWritesNanos.add(System.nanoTime() - started);
      readYourWritesWaits.increment();
    });
  }

  /** Where the log holds appends' answers until this read side has applied them (see {@link no.deling.core.projection.AppliedGate}). */
  public no.deling.core.projection.AppliedGate appliedGate() {
    return engine.appliedGate();
  }

  /** Read-your-writes waits since start (see {@link #awaitPositionUnlessPaused}), for {@code /metrics}. */
  public long readYourWritesWaits() {
    return readYourWritesWaits.sum();
  }

  /** Seconds writes waited, in all, for the read side to apply them before they were answered. */
  public double readYourWritesSeconds() {
    return readYourWritesNanos.sum() / 1e9;
  }

  private final java.util.concurrent.atomic.LongAdder readYourWritesWaits = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder readYourWritesNanos = new java.util.concurrent.atomic.LongAdder();

  /** Runs {@code work}, during which applying stands still ({@code why}); on the projection thread. */
  public <T> T pausedFor(String why, java.util.function.Supplier<T> work) {
    engine.pauseWaiters(why);
    try {
      return work.get();
    } finally {
      engine.resumeWaiters();
    }
  }

  /** Group membership, for {@link Visibility}. */
  public Visibility.Memberships memberships() {
    return groups;
  }

  /** Who follows whom, for {@link Visibility}. */
  public Visibility.Follows follows() {
    return followsView;
  }

  /** May {@code viewer} see this post now (see {@link Visibility#maySee}). Under the read lock. */
  public boolean maySee(String viewer, PostView post) {
    return Visibility.maySee(viewer, post, groups);
  }

  // ---------------------------------------------------------------- PostContext

  @Override
  public Person person(String id) {
    return people.get(id);
  }

  @Override
  public PostView post(long id) {
    return posts.get(id);
  }

  @Override
  public int endorsementCount(long postId) {
    return endorsements.count(postId);
  }

  @Override
  public boolean endorsedBy(long postId, String user) {
    return endorsements.endorsedBy(postId, user);
  }

  @Override
  public int shareCount(long postId) {
    return shares.count(postId);
  }

  @Override
  public boolean sharedBy(long postId, String user) {
    return shares.sharedBy(postId, user);
  }

  @Override
  public byte[] pollJson(long postId, String viewer) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
    try (com.fasterxml.jackson.core.JsonGenerator g = no.deling.core.json.Json.MAPPER.getFactory().createGenerator(out)) {
      // "closed" is judged as the page is written: a rendering, not a decision
      if (!polls.write(g, postId, viewer, java.time.Instant.now())) return null;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A group as posts name it, encoded once per name (a rename sets a new string). */
  private record GroupNamed(String name, byte[] json) {}

  private final java.util.Map<String, GroupNamed> groupsNamed = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public byte[] groupJson(String groupId) {
    Groups.Group g = groups.get(groupId);
    if (g == null) return null;
    GroupNamed known = groupsNamed.get(groupId);
    if (known == null || known.name() != g.name) {
      java.util.Map<String, Object> json = new java.util.LinkedHashMap<>(4);
      json.put("id", g.id);
      json.put("name", g.name);
      json.put("access", g.isPrivate ? "private" : "open");
      try {
        known = new GroupNamed(g.name, no.deling.core.json.Json.MAPPER.writeValueAsBytes(json));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      groupsNamed.put(groupId, known);
    }
    return known.json();
  }

  @Override
  public byte[] attachmentsJson(long postId) {
    if (!files.hasAttachments(postId)) return null;
    java.util.List<no.deling.files.Files.FileInfo> shown = files.attachedTo(postId);
    if (shown.isEmpty()) return null; // their uploader erased, or their month past retention
    java.util.List<java.util.Map<String, Object>> json = new java.util.ArrayList<>(shown.size());
    for (var f : shown) json.add(no.deling.files.FileQueries.json(f));
    try {
      return no.deling.core.json.Json.MAPPER.writeValueAsBytes(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean savedBy(long postId, String user) {
    return saved.savedBy(user, postId);
  }

  @Override
  public PostJsonCache json() {
    return json;
  }
}
