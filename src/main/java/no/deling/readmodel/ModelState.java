package no.deling.readmodel;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import no.deling.announcements.Announcements;
import no.deling.core.collections.Interner;
import no.deling.core.idempotency.IdempotencyKeys;
import no.deling.endorsements.Endorsements;
import no.deling.experts.ExpertIndex;
import no.deling.experts.ExpertRanking;
import no.deling.follows.FollowGraph;
import no.deling.groups.Groups;
import no.deling.ideas.Ideas;
import no.deling.links.Links;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;
import no.deling.pulse.ActivityLog;
import no.deling.pulse.PulseAudit;
import no.deling.pulse.PulseNetwork;
import no.deling.pulse.TopicTrends;
import no.deling.questions.Questions;
import no.deling.shares.Shares;
import no.deling.skills.Skills;
import no.deling.timelines.Timelines;
import no.deling.users.People;
import no.deling.visibility.Visibility;

/**
 * Everything the read side derives from the log, as one object graph: what {@link ReadModel}
 * serves from, and what a snapshot writes and reads back whole (so a post, an id or a model that
 * several models share stays one object). Caches that readers fill are not part of it.
 */
public final class ModelState {
  final int homeBound;
  final int fanOutLimit;
  final Interner interner;
  final People people;
  final FollowGraph follows;
  final Visibility.Follows followsView;
  final Groups groups;
  final Endorsements endorsements;
  final Shares shares;
  final PostIndex posts;
  final Timelines timelines;
  final Announcements announcements;
  final Questions questions;
  final Skills skills;
  final Ideas ideas;
  final Links links;
  final PulseAudit pulseAudit;
  final PulseNetwork pulse;
  /** null with the pulse off */
  final ActivityLog activity;
  /** null with the pulse off */
  final TopicTrends trends;
  final ExpertIndex expertIndex;
  final ExpertRanking experts;
  final IdempotencyKeys idempotency;
  final no.deling.moderation.Reports reports;
  final no.deling.notifications.ThreadSubscriptions threadSubscriptions;
  final no.deling.saved.SavedPosts saved;
  final no.deling.pulse.OwnTies ownTies;
  final no.deling.polls.Polls polls;
  final no.deling.groups.PinnedPosts pins;
  final no.deling.topics.TopicStewards topicStewards;
  final no.deling.integrations.Integrations integrations;
  final no.deling.files.Files files;
  final no.deling.push.PushDevices pushDevices;

  /** An empty read side. */
  public static ModelState empty(int homeBound, int fanOutLimit, boolean pulse) {
    return new ModelState(homeBound, fanOutLimit, pulse);
  }

  private ModelState(int homeBound, int fanOutLimit, boolean pulseOn) {
    this.homeBound = homeBound;
    this.fanOutLimit = fanOutLimit;
    interner = new Interner();
    people = new People(interner);
    follows = new FollowGraph(interner);
    followsView = new FollowsView(follows);
    groups = new Groups(interner);
    endorsements = new Endorsements(interner);
    shares = new Shares(interner);
    posts = new PostIndex(interner);
    timelines = new Timelines(homeBound, fanOutLimit, posts, follows, groups, shares, followsView);
    announcements = new Announcements(interner, groups);
    questions = new Questions(posts);
    skills = new Skills(interner);
    ideas = new Ideas();
    links = new Links(interner);
    pulseAudit = new PulseAudit();
    pulse = new PulseNetwork();
    expertIndex = new ExpertIndex(posts, questions, endorsements);
    experts = new ExpertRanking(expertIndex, posts, questions, endorsements, skills, people, groups);
    activity = pulseOn ? new ActivityLog(posts, endorsements, shares, people, interner) : null;
    trends = pulseOn ? new TopicTrends(posts, groups, interner) : null;
    idempotency = new IdempotencyKeys();
    reports = new no.deling.moderation.Reports(posts);
    threadSubscriptions = new no.deling.notifications.ThreadSubscriptions(interner);
    saved = new no.deling.saved.SavedPosts(interner);
    ownTies = new no.deling.pulse.OwnTies(posts, interner);
    polls = new no.deling.polls.Polls(interner);
    pins = new no.deling.groups.PinnedPosts(interner);
    topicStewards = new no.deling.topics.TopicStewards(interner);
    integrations = new no.deling.integrations.Integrations();
    files = new no.deling.files.Files();
    pushDevices = new no.deling.push.PushDevices();
  }

  /** The posts, which a snapshot writes in a section of their own. */
  public PostIndex posts() {
    return posts;
  }

  /** A snapshot read back: the posts, endorsements and links from their own sections. */
  public void restoredRecords(no.deling.posts.PackedPosts restoredPosts, Endorsements.Restoring restoredEndorsements,
      Links.Restoring restoredLinks) {
    posts.restoredPosts(restoredPosts);
    endorsements.restored(restoredEndorsements);
    links.restoredEntries(restoredLinks);
  }

  /**
   * The models that write their bulk to a snapshot themselves, in the order written (the pulse's
   * hours only with the pulse on: the settings are part of a snapshot's header).
   */
  public java.util.List<no.deling.core.state.CompactState> compactStates() {
    return activity == null ? java.util.List.of(posts, timelines, questions, expertIndex)
        : java.util.List.of(posts, timelines, questions, expertIndex, activity);
  }

  /** The link library, which a snapshot writes in a section of its own. */
  public Links links() {
    return links;
  }

  public Endorsements endorsements() {
    return endorsements;
  }

  /** After a snapshot was read back: the caches readers fill start empty, as after a rebuild. */
  public void restored() {
    people.restored();
    timelines.restored();
    links.restored();
  }

  /** Visibility's view of who follows whom and which topics. */
  static final class FollowsView implements Visibility.Follows {
    private final FollowGraph follows;

    FollowsView(FollowGraph follows) {
      this.follows = follows;
    }

    @Override
    public boolean followsUser(String viewer, String author) {
      return follows.followedBy(viewer).contains(author);
    }

    @Override
    public boolean followsAnyTopic(String viewer, String[] tags) {
      if (tags.length == 0) return false;
      var topics = follows.topicsFollowedBy(viewer);
      for (String t : tags) if (topics.contains(t)) return true;
      return false;
    }

    @Override
    public boolean mutesGroup(String viewer, String group) {
      return follows.mutes(viewer, group);
    }
  }
}
