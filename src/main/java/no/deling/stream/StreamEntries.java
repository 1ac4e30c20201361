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
import no.deling.follows.FollowEvent.UserFollowed;
import no.deling.posts.PostEvent.PostDeleted;
import no.deling.posts.PostEvent.PostEdited;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PostJson;
import no.deling.posts.PostView;
import no.deling.readmodel.ReadModel;
import no.deling.users.UserJson;

/**
 * What each applied event means for live streams. Runs on the projection thread right after the
 * read model applied the event, so posts and counts are as of that event. One vocabulary, after
 * Mastodon's: {@code update} (new post), {@code status.update} (edited), {@code delete},
 * {@code endorsements} (count changed), {@code notification}.
 */
public final class StreamEntries {
  private StreamEntries() {}

  /**
   * @param defer render the JSON only when first sent (see {@link StreamEntry}); routing is
   *     decided now either way
   */
  public static List<StreamEntry> of(DomainEvent event, long position, ReadModel m, boolean defer) {
    if (event instanceof PostPublished p) {
      PostView v = m.posts.get(PostIds.parse(p.postId()));
      if (v == null) return List.of();
      List<StreamEntry> out = new ArrayList<>();
      out.add(postEntry(position, "update", v, () -> "\"post\":" + PostJson.forStream(v, m), defer));
      // one notification per person: a reply to you beats a mention of you
      Map<String, String> notify = new LinkedHashMap<>();
      PostView parent = v.inReplyTo == 0 ? null : m.posts.get(v.inReplyTo);
      if (parent != null && !parent.author.equals(v.author)) notify.put(parent.author, "reply");
      for (String mentioned : v.mentions) if (!mentioned.equals(v.author)) notify.putIfAbsent(mentioned, "mention");
      notify.forEach((user, kind) -> out.add(notification(position, user, kind, v.author, p.postId(), m, defer)));
      return out;
    }
    if (event instanceof PostEdited e) {
      PostView v = m.posts.get(PostIds.parse(e.postId()));
      return v == null ? List.of() : List.of(postEntry(position, "status.update", v, () -> "\"post\":" + PostJson.forStream(v, m), defer));
    }
    if (event instanceof PostDeleted d) {
      PostView v = m.posts.get(PostIds.parse(d.postId()));
      return v == null ? List.of() : List.of(postEntry(position, "delete", v, () -> "\"id\":\"" + d.postId() + "\"", defer));
    }
    if (event instanceof PostEndorsed e) {
      List<StreamEntry> out = new ArrayList<>(endorsementCount(position, e.postId(), m, defer));
      out.add(notification(position, e.postAuthor(), "endorsement", e.endorser(), e.postId(), m, defer));
      return out;
    }
    if (event instanceof EndorsementWithdrawn e) {
      return endorsementCount(position, e.postId(), m, defer);
    }
    if (event instanceof AnnouncementEvent a) return announcement(a, position, m, defer);
    if (event instanceof UserFollowed f) {
      return List.of(notification(position, f.followee(), "follow", f.follower(), null, m, defer));
    }
    return List.of();
  }

  /**
   * Announcements go to the home streams of their audience as the directory has it when the entry
   * is delivered or replayed; an acknowledgement goes to the acknowledging person's other
   * sessions, so the pinned announcement leaves every screen of theirs.
   */
  private static List<StreamEntry> announcement(AnnouncementEvent event, long position, ReadModel m, boolean defer) {
    String id = event.announcementId();
    long key = PostIds.parse(id);
    if (event instanceof AnnouncementAcknowledged k) {
      return List.of(StreamEntry.forAudience(position, "announcement.acknowledged", k.userId()::equals, () -> "\"id\":\"" + id + "\"", defer));
    }
    Predicate<String> addressed = user -> {
      Announcement a = m.announcements.get(key);
      return a != null && Announcements.addressedTo(a, user, m.people.get(user));
    };
    if (event instanceof AnnouncementWithdrawn) {
      return List.of(StreamEntry.forAudience(position, "announcement.withdrawn", addressed, () -> "\"id\":\"" + id + "\"", defer));
    }
    Predicate<String> pinned = user -> {
      Announcement a = m.announcements.get(key);
      return a != null && !a.withdrawn() && !a.acknowledgedBy(user) && addressed.test(user);
    };
    return List.of(StreamEntry.forAudience(position, "announcement", pinned, () -> {
      Announcement a = m.announcements.get(key);
      return "\"announcement\":" + AnnouncementJson.of(a, null, m.people, 0).encode();
    }, defer));
  }

  private static List<StreamEntry> endorsementCount(long position, String postId, ReadModel m, boolean defer) {
    PostView v = m.posts.get(PostIds.parse(postId));
    if (v == null || v.deleted) return List.of();
    return List.of(postEntry(position, "endorsements", v,
        () -> "\"id\":\"" + postId + "\",\"endorsements\":" + m.endorsements.count(v.id), defer));
  }

  private static StreamEntry postEntry(long position, String type, PostView v, Supplier<String> fields, boolean defer) {
    return new StreamEntry(position, type, v.author, v.hashtags, v.threadRoot, null, fields, defer);
  }

  private static final String[] NO_TAGS = new String[0];

  private static StreamEntry notification(long position, String recipient, String kind, String from, String postId, ReadModel m, boolean defer) {
    return new StreamEntry(position, "notification", null, NO_TAGS, 0, recipient, () -> {
      JsonObject n = new JsonObject().put("kind", kind).put("from", UserJson.summary(from, m.people));
      if (postId != null) n.put("post", postId);
      return "\"notification\":" + n.encode();
    }, defer);
  }
}
