package no.deling.notifications;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.endorsements.EndorsementEvent.PostEndorsed;
import no.deling.follows.FollowEvent.UserFollowed;
import no.deling.groups.GroupEvent.GroupJoinRequested;
import no.deling.groups.GroupEvent.GroupMemberInvited;
import no.deling.groups.GroupEvent.GroupMemberJoined;
import no.deling.posts.PostEvent.PostPublished;
import no.deling.posts.PostView;
import no.deling.readmodel.ReadModel;
import no.deling.shares.ShareEvent.PostShared;

/**
 * Who is told what when an event happens. Asked once per event on the projection thread, right
 * after the read model applied it; the live stream and the notifications read model both take its
 * answer, so the two can never disagree. Nobody is told about a post they may not see.
 */
public final class NotificationRules {
  private NotificationRules() {}

  public static List<Notification> of(DomainEvent event, long position, ReadModel m) {
    if (event instanceof PostPublished p) {
      PostView v = m.posts.get(PostIds.parse(p.postId()));
      if (v == null) return List.of();
      // one notification per person: a reply to you beats a mention of you
      Map<String, String> notify = new LinkedHashMap<>();
      PostView parent = v.inReplyTo == 0 ? null : m.posts.get(v.inReplyTo);
      if (parent != null && !parent.author.equals(v.author)) notify.put(parent.author, "reply");
      for (String mentioned : v.mentions) if (!mentioned.equals(v.author)) notify.putIfAbsent(mentioned, "mention");
      List<Notification> out = new ArrayList<>(notify.size());
      notify.forEach((user, kind) -> {
        if (m.maySee(user, v)) out.add(new Notification(position, user, kind, v.author, p.postId(), null, v.publishedAt));
      });
      return out;
    }
    if (event instanceof PostEndorsed e) return aboutPost(position, e.postAuthor(), "endorsement", e.endorser(), e.postId(), e.at().toEpochMilli(), m);
    if (event instanceof PostShared s) return aboutPost(position, s.postAuthor(), "share", s.sharer(), s.postId(), s.at().toEpochMilli(), m);
    if (event instanceof UserFollowed f) {
      return List.of(new Notification(position, f.followee(), "follow", f.follower(), null, null, f.at().toEpochMilli()));
    }
    if (event instanceof GroupMemberInvited i) {
      return List.of(new Notification(position, i.userId(), "group.invitation", i.by(), null, i.groupId(), i.at().toEpochMilli()));
    }
    if (event instanceof GroupJoinRequested r) {
      List<Notification> out = new ArrayList<>();
      for (String owner : m.groups.owners(r.groupId())) {
        out.add(new Notification(position, owner, "group.request", r.userId(), null, r.groupId(), r.at().toEpochMilli()));
      }
      return out;
    }
    if (event instanceof GroupMemberJoined j && "request".equals(j.via())) {
      return List.of(new Notification(position, j.userId(), "group.approved", j.by(), null, j.groupId(), j.at().toEpochMilli()));
    }
    return List.of();
  }

  private static List<Notification> aboutPost(long position, String recipient, String kind, String from, String postId, long at, ReadModel m) {
    PostView v = m.posts.get(PostIds.parse(postId));
    if (recipient.equals(from) || !m.maySee(recipient, v)) return List.of();
    return List.of(new Notification(position, recipient, kind, from, postId, null, at));
  }
}
