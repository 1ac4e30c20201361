package no.deling.notifications;

/**
 * Something a person is told about. {@code id} is the log position of the event that caused it,
 * so notifications sort and page like everything else.
 *
 * @param kind mention, reply, endorsement, share, follow, group.invitation, group.request or group.approved
 * @param post the post it is about, 0 for none
 * @param group the group it is about, or null
 */
public record Notification(long id, String recipient, String kind, String from, long post, String group, long atMillis) {}
