package no.deling.stream;

import java.util.function.Predicate;
import no.deling.announcements.AnnouncementEvent;
import no.deling.announcements.AnnouncementEvent.AnnouncementAcknowledged;
import no.deling.announcements.AnnouncementEvent.AnnouncementWithdrawn;
import no.deling.announcements.AnnouncementJson;
import no.deling.announcements.Announcements;
import no.deling.announcements.Announcements.Announcement;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.EndorsementWithdrawn;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.notifications.Notification;
import no.deling.notifications.NotificationJson;
import no.deling.shares.ShareEvent.PostShared;
import no.deling.shares.ShareEvent.ShareWithdrawn;
import no.deling.shares.Shares;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PostJson;
import no.deling.posts.PostView;
import no.deling.readmodel.ReadModel;

/**
 * What each applied event means for live streams. Runs on the projection thread right after the
 * read model applied the event, so posts and counts are as of that event. One vocabulary, after
 * Mastodon's: {@code update} (new post), {@code status.update} (edited), {@code delete},
 * {@code endorsements} (count changed), {@code poll} (a poll's counts changed), {@code pinned} (a
 * group's owner pinned a post or took it down), {@code topic.about} (a topic's description or owners
 * changed), {@code notification}.
 */
public final class StreamEntries {
  private StreamEntries() {}

  /** Routing is decided now; the JSON is rendered when an entry is first sent (see {@link StreamEntry}). */
  public static List<StreamEntry> of(DomainEvent event, long position, ReadModel m, List<Notification> notified) {
    List<StreamEntry> out = new ArrayList<>(1 + notified.size());
    if (event instanceof PostPublished p) {
      PostView v = m.posts.get(PostIds.parse(p.postId()));
      if (v != null) out.add(postEntry(position, "update", v, () -> "\"post\":" + PostJson.forStream(asItIs(v, m), m)));
    } else if (event instanceof PostEdited e) {
      PostView v = m.posts.get(PostIds.parse(e.postId()));
      if (v != null) out.add(postEntry(position, "status.update", v, () -> "\"post\":" + PostJson.forStream(asItIs(v, m), m)));
    } else if (event instanceof PostDeleted d) {
      PostView v = m.posts.get(PostIds.parse(d.postId()));
      if (v != null) out.add(postEntry(position, "delete", v, () -> "\"id\":\"" + d.postId() + "\""));
    } else if (event instanceof PostEndorsed || event instanceof EndorsementWithdrawn) {
      String postId = event instanceof PostEndorsed e ? e.postId() : ((EndorsementWithdrawn) event).postId();
      out.addAll(count(position, "endorsements", postId, () -> m.endorsements.count(PostIds.parse(postId)), m));
    } else if (event instanceof PostShared || event instanceof ShareWithdrawn) {
      String postId = event instanceof PostShared s ? s.postId() : ((ShareWithdrawn) event).postId();
      out.addAll(count(position, "shares", postId, () -> m.shares.count(PostIds.parse(postId)), m));
      if (event instanceof PostShared s) out.addAll(shared(position, s, m));
    } else if (event instanceof no.deling.polls.PollEvent vote) {
      // everyone who sees the poll sees its counts move; never who voted
      PostView v = m.posts.get(PostIds.parse(vote.postId()));
      if (v != null && !v.deleted && m.polls.options(v.id) != null) {
        // rendered when first sent, like the other counts (a vote nobody watches is never rendered)
        out.add(postEntry(position, "poll", v, () -> {
          byte[] poll = m.pollJson(v.id, null);
          return "\"id\":\"" + vote.postId() + "\",\"poll\":"
              + (poll == null ? GONE_POLL : new String(poll, java.nio.charset.StandardCharsets.UTF_8));
        }));
      }
    } else if (event instanceof no.deling.groups.PinEvent pin) {
      // the group's page shows its pinned posts: whoever may see the post hears it was pinned or taken down
      PostView v = m.posts.get(PostIds.parse(pin.postId()));
      boolean pinned = pin instanceof no.deling.groups.PinEvent.GroupPostPinned;
      if (v != null && !v.deleted) {
        out.add(postEntry(position, "pinned", v, () -> "\"id\":\"" + pin.postId() + "\",\"group\":\"" + pin.groupId() + "\",\"pinned\":" + pinned));
      }
    } else if (event instanceof no.deling.topics.TopicEvent.TopicPostPinned || event instanceof no.deling.topics.TopicEvent.TopicPostUnpinned) {
      // the same for a topic's page: the post carries the topic, so its topic stream has it
      no.deling.topics.TopicEvent t = (no.deling.topics.TopicEvent) event;
      String postId = t instanceof no.deling.topics.TopicEvent.TopicPostPinned p ? p.postId() : ((no.deling.topics.TopicEvent.TopicPostUnpinned) t).postId();
      PostView v = m.posts.get(PostIds.parse(postId));
      boolean pinned = t instanceof no.deling.topics.TopicEvent.TopicPostPinned;
      if (v != null && !v.deleted) {
        out.add(postEntry(position, "pinned", v, () -> "\"id\":\"" + postId + "\",\"topic\":" + io.vertx.core.json.Json.encode(t.topic()) + ",\"pinned\":" + pinned));
      }
    } else if (event instanceof no.deling.topics.TopicEvent.TopicDescribed || event instanceof no.deling.topics.TopicEvent.TopicOwnerAppointed
        || event instanceof no.deling.topics.TopicEvent.TopicOwnerDismissed) {
      // an open topic page follows what the topic says of itself and who looks after it
      String topic = ((no.deling.topics.TopicEvent) event).topic();
      out.add(StreamEntry.aboutTopic(position, "topic.about", topic,
          () -> "\"about\":" + no.deling.topics.TopicQueries.summaryOf(topic, m.topicStewards, m.people, m.follows).encode()));
    } else if (event instanceof AnnouncementEvent a) {
      out.addAll(announcement(a, position, m));
    } else if (event instanceof no.deling.questions.QuestionEvent.AnswerAccepted
        || event instanceof no.deling.questions.QuestionEvent.AcceptanceWithdrawn) {
      // wherever the question is shown, its status follows: "accepted" and which answer, or not
      String questionId = ((no.deling.questions.QuestionEvent) event).questionId();
      PostView v = m.posts.get(PostIds.parse(questionId));
      if (v != null && !v.deleted) {
        out.add(postEntry(position, "question.status", v, () -> {
          var q = m.questions.get(v.id);
          long accepted = q == null ? 0 : m.questions.acceptedAnswer(q);
          return "\"id\":\"" + questionId + "\",\"status\":\"" + (q == null ? "unanswered" : m.questions.status(q).wire())
              + "\",\"acceptedAnswer\":" + (accepted == 0 ? "null" : "\"" + PostIds.format(accepted) + "\"");
        }));
      }
    } else if (event instanceof no.deling.ideas.IdeaEvent.IdeaStatusSet s) {
      PostView v = m.posts.get(PostIds.parse(s.ideaId()));
      if (v != null && !v.deleted) {
        out.add(postEntry(position, "idea.status", v,
            () -> fields(new JsonObject().put("id", s.ideaId()).put("status", s.status()).put("note", s.note()))));
      }
    }
    for (Notification n : notified) out.add(notification(position, n, m));
    return out;
  }

  /**
   * A share reaches the home streams of the sharer's followers as an {@code update} marked
   * {@code sharedBy}, for those who would not see the post otherwise and only through the first of
   * their follows who shared it (the same rule as the home timeline).
   */
  private static List<StreamEntry> shared(long position, PostShared s, ReadModel m) {
    Shares.Share share = m.shares.get(PostIds.parse(s.shareId()));
    PostView v = m.posts.get(PostIds.parse(s.postId()));
    if (share == null || v == null) return List.of();
    return List.of(StreamEntry.forAudienceAboutPost(position, "update", v.id,
        user -> m.shares.get(share.id()) != null && m.timelines.showsShare(user, share),
        () -> "\"post\":" + PostJson.forStream(asItIs(v, m), m, share.sharer())));
  }

  /**
   * Announcements go to the home streams of their audience as the directory has it when the entry
   * is delivered or replayed; an acknowledgement goes to the acknowledging person's other
   * sessions, so the pinned announcement leaves every screen of theirs.
   */
  private static List<StreamEntry> announcement(AnnouncementEvent event, long position, ReadModel m) {
    String id = event.announcementId();
    long key = PostIds.parse(id);
    if (event instanceof AnnouncementAcknowledged k) {
      return List.of(StreamEntry.forAudience(position, "announcement.acknowledged", k.userId()::equals, () -> "\"id\":\"" + id + "\""));
    }
    Predicate<String> addressed = user -> {
      Announcement a = m.announcements.get(key);
      return a != null && m.announcements.addressedTo(a, user, m.people.get(user));
    };
    if (event instanceof AnnouncementWithdrawn) {
      return List.of(StreamEntry.forAudience(position, "announcement.withdrawn", addressed, () -> "\"id\":\"" + id + "\""));
    }
    Predicate<String> pinned = user -> {
      Announcement a = m.announcements.get(key);
      return a != null && !a.withdrawn() && !a.acknowledgedBy(user) && addressed.test(user);
    };
    return List.of(StreamEntry.forAudience(position, "announcement", pinned, () -> {
      Announcement a = m.announcements.get(key);
      return "\"announcement\":" + AnnouncementJson.of(a, null, m.announcements, m.people, 0).encode();
    }));
  }

  private static List<StreamEntry> count(long position, String type, String postId, java.util.function.IntSupplier count, ReadModel m) {
    PostView v = m.posts.get(PostIds.parse(postId));
    if (v == null || v.deleted) return List.of();
    return List.of(postEntry(position, type, v, () -> "\"id\":\"" + postId + "\",\"" + type + "\":" + count.getAsInt()));
  }

  /** An object's fields without its braces, to follow an entry's own fields. */
  private static String fields(JsonObject o) {
    String json = o.encode();
    return json.substring(1, json.length() - 1);
  }

  /**
   * The post as it is when an entry is rendered, which for an entry nobody received live is later
   * than when it was made. A view read from the posts' records ({@code PackedPosts}) points into its record,
   * and a reply, an edit or a delete takes the post out of the records and wipes that record: the
   * view read then would render zeros. A post is never removed, so it is always there to read again.
   */
  private static PostView asItIs(PostView read, ReadModel m) {
    PostView now = m.posts.get(read.id);
    return now != null ? now : read;
  }

  private static StreamEntry postEntry(long position, String type, PostView v, Supplier<String> fields) {
    return StreamEntry.aboutPost(position, type, v.id, v.author, v.hashtags, v.threadRoot, fields);
  }

  private static final String[] NO_TAGS = new String[0];
  /** A poll whose post was deleted before its counts were sent: a delete follows. */
  private static final String GONE_POLL = "{\"options\":[],\"votes\":0,\"closesAt\":null,\"closed\":true}";

  /**
   * A notification about a post reaches its recipient, live or on a resume, only while they may
   * see the post (as {@code GET /api/notifications} shows it): not after they left its private
   * group, not once it is deleted.
   */
  private static StreamEntry notification(long position, Notification n, ReadModel m) {
    long post = n.post();
    Predicate<String> mayStillSee = post == 0 ? null : user -> no.deling.visibility.Visibility.maySee(user, m.posts.get(post), m.memberships());
    return StreamEntry.forRecipient(position, n.recipient(), mayStillSee,
        () -> "\"notification\":" + NotificationJson.live(n, m.people, m.groups).encode());
  }
}
