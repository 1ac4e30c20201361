package no.deling.notifications;

/**
 * Something a person is told about. {@code id} is the log position of the event that caused it,
 * so notifications sort and page like everything else.
 *
 * @param kind mention, reply, endorsement, share, follow, group.invitation, group.request,
 *     group.approved, group.ownership (a group passed to you: its owners left), question (you were
 *     asked to answer), answer.accepted, idea.status, idea.rising (an idea from your department, as a
 *     leader, has its fifth endorsement; from its author), thread.reply (a reply in a conversation you
 *     wrote in or follow; the post is its first), post.reported (a post you moderate has its first
 *     open report: one in a group you own, or, for an admin, one in no group), post.removed (a moderator removed your post; the note is their
 *     reason), report.removed or report.kept (a post you reported was removed, or kept), report.deleted
 *     (its author deleted a post you reported while your report was open), poll.closed
 *     (a poll you asked or voted in ended; from its author), question.waiting (a question in a topic you own
 *     is still unanswered; from its asker), topic.owner (an admin made you an owner of
 *     the topic in {@code note}), topic.offer (to an admin: a colleague offered to look after the topic
 *     in {@code note}), topic.offer.declined (an admin declined your offer to look after the topic in {@code note})
 * @param note why, in words, where the kind alone does not say (why you were asked), or the topic (topic.owner,
 *     topic.offer, topic.offer.declined), or null
 * @param post the post it is about, 0 for none
 * @param group the group it is about, or null
 */
public record Notification(long id, String recipient, String kind, String from, long post, String group, long atMillis, String note) {
  public Notification(long id, String recipient, String kind, String from, long post, String group, long atMillis) {
    this(id, recipient, kind, from, post, group, atMillis, null);
  }
}
