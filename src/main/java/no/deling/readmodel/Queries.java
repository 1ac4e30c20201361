package no.deling.readmodel;

import no.deling.announcements.AnnouncementQueries;
import no.deling.experts.ExpertQueries;
import no.deling.follows.FollowQueries;
import no.deling.groups.GroupQueries;
import no.deling.ideas.IdeaQueries;
import no.deling.links.LinkQueries;
import no.deling.notifications.NotificationQueries;
import no.deling.posts.PostQueries;
import no.deling.pulse.PulseQueries;
import no.deling.questions.QuestionQueries;
import no.deling.skills.SkillQueries;
import no.deling.timelines.TimelineQueries;
import no.deling.users.PeopleQueries;

/**
 * Every question routes may ask the read side, by feature. Each query takes the read lock itself
 * and asks {@link no.deling.visibility.Visibility} where content is involved, so a route neither
 * knows how the read models are laid out nor decides who may see what ({@code ArchitectureTest}
 * keeps routes off {@link ReadModel}). A feature adds its queries here.
 */
public record Queries(PeopleQueries people, FollowQueries follows, PostQueries posts, TimelineQueries timelines, GroupQueries groups,
    SkillQueries skills, IdeaQueries ideas, LinkQueries links, QuestionQueries questions, ExpertQueries experts,
    AnnouncementQueries announcements, NotificationQueries notifications, PulseQueries pulse,
    no.deling.moderation.ModerationQueries moderation, no.deling.saved.SavedQueries saved,
    no.deling.polls.PollQueries polls, no.deling.groups.PinQueries pins, no.deling.integrations.IntegrationQueries integrations, no.deling.files.FileQueries files,
    no.deling.topics.TopicQueries topics) {

  static Queries of(ReadModel m) {
    no.deling.groups.PinQueries pins = new no.deling.groups.PinQueries(m, m.pins, m.posts, m.groups, m);
    no.deling.topics.TopicQueries topics = new no.deling.topics.TopicQueries(m, m.topicStewards, m.posts, m.groups, m.people, m.follows, m);
    return new Queries(
        new PeopleQueries(m, m.people, m.follows, m.timelines),
        new FollowQueries(m, m.follows, m.people, new no.deling.follows.WhoToFollow(m.timelines, m.posts, m.endorsements, m.follows, m.people, m.groups),
            new no.deling.follows.TopicsToFollow(m.timelines, m.follows)),
        new PostQueries(m, m.posts, m.groups, m, m.idempotency),
        new TimelineQueries(m, m.timelines, m, m.announcements, m.people, pins, topics),
        new GroupQueries(m, m.groups, m.people, m.follows),
        new SkillQueries(m, m.skills, m.posts, m.groups, m.people, m),
        new IdeaQueries(m, m.ideas, m.posts, m.endorsements, m.groups, m.people, m),
        new LinkQueries(m, m.links, m.posts, m.groups, m.people),
        new QuestionQueries(m, m.questions, m.posts, m.endorsements, m.groups, m, m.timelines),
        new ExpertQueries(m, m.experts, m.posts, m.groups, m.people, topics),
        new AnnouncementQueries(m, m.announcements, m.people, m.groups),
        new NotificationQueries(m, m.posts, m.groups, m.people, m.threadSubscriptions),
        new PulseQueries(m),
        new no.deling.moderation.ModerationQueries(m, m.reports, m.posts, m.groups, m, m.people),
        new no.deling.saved.SavedQueries(m, m.saved, m.posts, m.groups, m),
        new no.deling.polls.PollQueries(m, m.posts, m.groups, m),
        pins,
        new no.deling.integrations.IntegrationQueries(m, m.integrations, m.people),
        new no.deling.files.FileQueries(m, m.files, m.posts, m.groups, m.people),
        topics);
  }
}
