package no.deling.notifications;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import no.deling.core.collections.Interner;
import no.deling.core.events.DomainEvent;
import no.deling.core.ids.PostIds;
import no.deling.notifications.NotificationEvent.ThreadSubscriptionSet;
import no.deling.posts.PostIndex;
import no.deling.posts.PostView;

/**
 * Who hears of new replies in a conversation: everyone with a post in it (its first post or a
 * reply, not deleted), unless they muted it, and everyone who chose to follow it. Only the choices
 * are kept here; who wrote in a conversation is the posts' to say.
 */
public final class ThreadSubscriptions {
  /** Per conversation (its first post's id), each person's last choice: true follows, false mutes. */
  private final Long2ObjectOpenHashMap<Map<String, Boolean>> choices = new Long2ObjectOpenHashMap<>();
  private final Interner interner;

  public ThreadSubscriptions(Interner interner) {
    this.interner = interner;
  }

  public void on(DomainEvent event) {
    if (event instanceof ThreadSubscriptionSet s) {
      choices.computeIfAbsent(PostIds.parse(s.threadId()), k -> new HashMap<>(4)).put(interner.intern(s.userId()), s.subscribed());
    }
  }

  /** Does {@code user} hear of new replies in the conversation {@code root}? Under the read lock. */
  public boolean subscribed(String user, long root, PostIndex posts) {
    Map<String, Boolean> chosen = choices.get(root);
    Boolean choice = chosen == null ? null : chosen.get(user);
    if (choice != null) return choice;
    for (PostView p : posts.thread(root)) if (p != null && !p.deleted && p.author.equals(user)) return true;
    return false;
  }

  /** Everyone who hears of new replies in the conversation {@code root}, in the order they came to it. */
  public Set<String> subscribers(long root, PostIndex posts) {
    Set<String> out = new LinkedHashSet<>();
    for (PostView p : posts.thread(root)) if (p != null && !p.deleted) out.add(p.author);
    Map<String, Boolean> chosen = choices.get(root);
    if (chosen != null) chosen.forEach((user, follows) -> {
      if (follows) out.add(user);
      else out.remove(user);
    });
    return out;
  }
}
