package no.deling.notifications;

import java.util.ArrayList;
import java.util.List;
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
import no.deling.ideas.IdeaEvent.IdeaStatusSet;
import no.deling.questions.QuestionEvent;
import no.deling.questions.QuestionEvent.AnswerAccepted;
import no.deling.questions.QuestionEvent.QuestionRouted;
import no.deling.shares.ShareEvent.PostShared;

/**
 * Who is told what when an event happens. Asked once per event on the projection thread, right
 * after the read model applied it; the live stream and the notifications read model both take its
 * answer, so the two can never disagree. Nobody is told about a post they may not see.
 */
public final class NotificationRules {
  private NotificationRules() {}

  /** Who is told what about this event. */
  public static List<Notification> of(DomainEvent event, long position, ReadModel m) {
    List<Notification> out = new ArrayList<>(1);
    collect(event, position, m, out, true);
    return out;
  }

  /**
   * Adds to {@code out} who is told what about this event (a reused list: rebuilding the log, most
   * events tell nobody).
   *
   * @param live whether the notifications also go out on the live stream now; if not (an event
   *     replayed at start-up), whether the recipient may see an endorsed or shared post is left to
   *     the read, which asks anyway — looking the post up for every replayed endorsement was a
   *     noticeable part of a rebuild
   */
  public static void collect(DomainEvent event, long position, ReadModel m, List<Notification> out, boolean live) {
    if (event instanceof PostPublished p) {
      if (p.inReplyTo() == null && (p.mentions() == null || p.mentions().isEmpty())) return; // most posts: nobody to tell
      PostView v = m.posts.get(PostIds.parse(p.postId()));
      if (v == null) return;
      // one notification per person: a reply to you beats a mention of you
      PostView parent = v.inReplyTo == 0 ? null : m.posts.get(v.inReplyTo);
      String repliedTo = parent != null && !parent.author.equals(v.author) ? parent.author : null;
      if (repliedTo != null && m.maySee(repliedTo, v)) out.add(new Notification(position, repliedTo, "reply", v.author, v.id, null, v.publishedAt));
      for (String mentioned : v.mentions) {
        if (mentioned.equals(v.author) || mentioned.equals(repliedTo) || !m.maySee(mentioned, v)) continue;
        out.add(new Notification(position, mentioned, "mention", v.author, v.id, null, v.publishedAt));
      }
      if (v.inReplyTo != 0) inConversation(v, repliedTo, position, m, out);
    } else if (event instanceof PostEndorsed e) {
      aboutPost(position, e.postAuthor(), "endorsement", e.endorser(), e.postId(), e.at().toEpochMilli(), m, out, live);
      long id = PostIds.parse(e.postId());
      if (m.ideas.roseAt(id, position)) ideaRose(id, position, e.at().toEpochMilli(), m, out, live);
    } else if (event instanceof PostShared s) {
      aboutPost(position, s.postAuthor(), "share", s.sharer(), s.postId(), s.at().toEpochMilli(), m, out, live);
    } else if (event instanceof UserFollowed f) {
      out.add(new Notification(position, f.followee(), "follow", f.follower(), 0, null, f.at().toEpochMilli()));
    } else if (event instanceof GroupMemberInvited i) {
      out.add(new Notification(position, i.userId(), "group.invitation", i.by(), 0, i.groupId(), i.at().toEpochMilli()));
    } else if (event instanceof GroupJoinRequested r) {
      for (String owner : m.groups.owners(r.groupId())) {
        out.add(new Notification(position, owner, "group.request", r.userId(), 0, r.groupId(), r.at().toEpochMilli()));
      }
    } else if (event instanceof QuestionRouted r) {
      // asked because they know the topic: the routing already kept to people who may see it, but a
      // membership may have changed since, so ask again
      PostView q = m.posts.get(PostIds.parse(r.questionId()));
      for (QuestionEvent.Asked a : r.asked()) {
        if (!live || m.maySee(a.user(), q)) {
          out.add(new Notification(position, a.user(), "question", r.asker(), PostIds.parse(r.questionId()), null, r.at().toEpochMilli(), a.reason()));
        }
      }
    } else if (event instanceof QuestionEvent.QuestionEscalated e) {
      // still unanswered: its topics' owners are reminded that it waits for them
      PostView q = m.posts.get(PostIds.parse(e.questionId()));
      for (String owner : e.owners()) {
        if (!live || m.maySee(owner, q)) {
          out.add(new Notification(position, owner, "question.waiting", e.asker(), PostIds.parse(e.questionId()), null, e.at().toEpochMilli()));
        }
      }
    } else if (event instanceof IdeaStatusSet s) {
      // the author and everyone who endorsed the idea hear where it stands, with the note
      long id = PostIds.parse(s.ideaId());
      PostView idea = m.posts.get(id);
      java.util.Set<String> told = new java.util.LinkedHashSet<>();
      told.add(s.ideaAuthor());
      java.util.Collections.addAll(told, m.endorsements.endorsers(id));
      told.remove(s.by());
      String reason = s.note() == null ? s.status() : s.status() + ": " + s.note();
      for (String user : told) {
        if (!live || m.maySee(user, idea)) out.add(new Notification(position, user, "idea.status", s.by(), id, null, s.at().toEpochMilli(), reason));
      }
    } else if (event instanceof AnswerAccepted a) {
      aboutPost(position, a.answerAuthor(), "answer.accepted", a.asker(), a.answerId(), a.at().toEpochMilli(), m, out, live);
    } else if (event instanceof GroupMemberJoined j && "request".equals(j.via())) {
      out.add(new Notification(position, j.userId(), "group.approved", j.by(), 0, j.groupId(), j.at().toEpochMilli()));
    } else if (event instanceof no.deling.moderation.ModerationEvent moderation) {
      moderation(moderation, position, m, out, live);
    } else if (event instanceof no.deling.posts.PostEvent.PostDeleted d && d.removedByModerator()) {
      // the author hears why (the post is gone: no post to point at), and its reporters how it ended
      long id = PostIds.parse(d.postId());
      PostView gone = m.posts.get(id);
      String group = gone == null ? null : gone.group;
      long at = d.deletedAt().toEpochMilli();
      if (!d.author().equals(d.removedBy())) out.add(new Notification(position, d.author(), "post.removed", d.removedBy(), 0, group, at, d.reason()));
      for (String reporter : m.reports.lastClosedRound(id)) {
        if (!reporter.equals(d.removedBy())) out.add(new Notification(position, reporter, "report.removed", d.removedBy(), 0, null, at));
      }
    } else if (event instanceof no.deling.posts.PostEvent.PostDeleted d) {
      // its author deleted a post under open reports: the reporters hear it is gone, and no moderator need look
      long at = d.deletedAt().toEpochMilli();
      for (String reporter : m.reports.lastClosedRound(PostIds.parse(d.postId()))) {
        if (!reporter.equals(d.author())) out.add(new Notification(position, reporter, "report.deleted", d.author(), 0, null, at));
      }
    } else if (event instanceof no.deling.polls.PollEvent.PollClosed c) {
      // its author (unless they ended it themselves) and everyone who voted hear it ended: the result is one click away
      long id = PostIds.parse(c.postId());
      PostView poll = m.posts.get(id);
      if (poll == null || poll.deleted) return;
      java.util.Set<String> told = new java.util.LinkedHashSet<>();
      told.add(poll.author);
      told.addAll(m.polls.voters(id));
      told.remove(c.by());
      for (String user : told) {
        if (!live || m.maySee(user, poll)) out.add(new Notification(position, user, "poll.closed", poll.author, id, null, c.at().toEpochMilli()));
      }
    } else if (event instanceof no.deling.topics.TopicEvent.TopicOwnerAppointed a) {
      // the new owner learns the topic is theirs to look after (its questions will come to them), and from whom
      out.add(new Notification(position, a.userId(), "topic.owner", a.by(), 0, null, a.at().toEpochMilli(), a.topic()));
    } else if (event instanceof no.deling.topics.TopicEvent.TopicOwnershipOffered o && isNewOffer(o, m)) {
      // the admins (as their last tokens said) hear of a new offer, so it does not wait for one of them to look
      for (String admin : m.people.admins()) {
        if (!admin.equals(o.userId())) out.add(new Notification(position, admin, "topic.offer", o.userId(), 0, null, o.at().toEpochMilli(), o.topic()));
      }
    } else if (event instanceof no.deling.topics.TopicEvent.TopicOwnershipOfferWithdrawn w && !w.by().equals(w.userId())) {
      // an admin declined the offer: the colleague who made it hears back, as they would on being appointed
      out.add(new Notification(position, w.userId(), "topic.offer.declined", w.by(), 0, null, w.at().toEpochMilli(), w.topic()));
    } else if (event instanceof no.deling.groups.GroupEvent.GroupOwnershipPassed o) {
      // the new owner learns the group is theirs to run now, from the owner who had it first
      out.add(new Notification(position, o.userId(), "group.ownership", o.formerOwners().get(0), 0, o.groupId(), o.at().toEpochMilli()));
    }
  }

  /**
   * Everyone else in the conversation hears of a new reply in it, once per reply, about the
   * conversation's first post (so unread ones of one conversation are one item): those with a post
   * in it and those who follow it, less those who muted it, the replier, and those already told
   * (replied to, or mentioned).
   */
  private static void inConversation(PostView reply, String repliedTo, long position, ReadModel m, List<Notification> out) {
    for (String user : m.threadSubscriptions.subscribers(reply.threadRoot, m.posts)) {
      if (user.equals(reply.author) || user.equals(repliedTo) || java.util.Arrays.asList(reply.mentions).contains(user) || !m.maySee(user, reply)) {
        continue;
      }
      out.add(new Notification(position, user, "thread.reply", reply.author, reply.threadRoot, null, reply.publishedAt));
    }
  }

  /**
   * An idea that first has {@link no.deling.ideas.Ideas#RISING_AT} endorsements reaches the leaders
   * of its author's department (as their last tokens said), but not its author, nor a leader who
   * endorsed it: they know.
   */
  private static void ideaRose(long id, long position, long at, ReadModel m, List<Notification> out, boolean live) {
    PostView idea = m.posts.get(id);
    no.deling.users.Person author = idea == null || idea.deleted ? null : m.people.get(idea.author);
    if (author == null) return;
    for (String leader : m.people.leadersIn(author.department())) {
      if (leader.equals(idea.author) || m.endorsements.endorsedBy(id, leader) || (live && !m.maySee(leader, idea))) continue;
      out.add(new Notification(position, leader, "idea.rising", idea.author, id, null, at));
    }
  }

  /**
   * Offering again (a new note) is no new offer: the offer keeps the date it was first made, so this
   * event made it if that date is its own (which stays so when the event is looked at again later).
   */
  private static boolean isNewOffer(no.deling.topics.TopicEvent.TopicOwnershipOffered o, ReadModel m) {
    for (no.deling.topics.TopicStewards.Offered offered : m.topicStewards.offers(o.topic())) {
      if (offered.user().equals(o.userId())) return offered.at() == o.at().toEpochMilli();
    }
    return false;
  }

  /**
   * A post's moderators hear of its first open report: a group's owners for a post in their group,
   * the admins (as their last tokens said) for any other; reporters hear that a post was reviewed
   * and kept. Nobody hears who reported.
   */
  private static void moderation(no.deling.moderation.ModerationEvent event, long position, ReadModel m, List<Notification> out, boolean live) {
    long id = PostIds.parse(event.postId());
    PostView p = m.posts.get(id);
    if (event instanceof no.deling.moderation.ModerationEvent.PostReported r) {
      if (p == null || m.reports.openOn(id).size() != 1) return;
      for (String owner : p.group == null ? m.people.admins() : m.groups.owners(p.group)) {
        if (owner.equals(r.reporter()) || owner.equals(p.author) || (live && !m.maySee(owner, p))) continue;
        out.add(new Notification(position, owner, "post.reported", p.author, id, p.group, r.reportedAt().toEpochMilli()));
      }
    } else if (event instanceof no.deling.moderation.ModerationEvent.ReportsDismissed d) {
      for (String reporter : m.reports.lastClosedRound(id)) {
        if (!reporter.equals(d.by())) aboutPost(position, reporter, "report.kept", d.by(), d.postId(), d.at().toEpochMilli(), m, out, live);
      }
    }
  }

  private static void aboutPost(long position, String recipient, String kind, String from, String postId, long at, ReadModel m,
      List<Notification> out, boolean live) {
    if (recipient.equals(from)) return;
    long id = PostIds.parse(postId);
    if (!live || m.maySee(recipient, m.posts.get(id))) out.add(new Notification(position, recipient, kind, from, id, null, at));
  }
}
