package no.deling.links;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import no.deling.core.command.Decider;
import no.deling.core.command.Rejection;
import no.deling.links.LinkEvent.BookmarkRemoved;
import no.deling.links.LinkEvent.BookmarkSaved;
import no.deling.posts.PostText;
import no.deling.visibility.GroupFacts;
import no.deling.visibility.Visibility;

/** Rules for one person's bookmark of one address. State: the bookmark as saved, or null. */
public final class BookmarkDecider implements Decider<BookmarkDecider.BookmarkCommand, BookmarkSaved, LinkEvent> {
  static final int MAX_TAGS = 10;
  static final int MAX_COMMENT = 500;

  public sealed interface BookmarkCommand {}

  /**
   * @param url already normalised by the caller (the stream is named by it)
   * @param audience the group's facts when shared in a group, read by the caller
   */
  public record Save(String url, String by, List<String> tags, String comment, String group, GroupFacts audience, Instant at)
      implements BookmarkCommand {}

  public record Remove(String url, String by, Instant at) implements BookmarkCommand {}

  @Override
  public BookmarkSaved initialState() {
    return null;
  }

  @Override
  public BookmarkSaved evolve(BookmarkSaved state, LinkEvent event) {
    if (event instanceof BookmarkSaved s) return s;
    if (event instanceof BookmarkRemoved) return null;
    return state;
  }

  @Override
  public List<LinkEvent> decide(BookmarkCommand command, BookmarkSaved state) {
    if (command instanceof Save c) {
      if (c.url() == null) throw new Rejection.Invalid("url", "http-url", "url is an http or https address");
      List<String> tags = tags(c.tags());
      String comment = c.comment() == null || c.comment().isBlank() ? null : c.comment().strip();
      if (comment != null && comment.codePointCount(0, comment.length()) > MAX_COMMENT) {
        throw new Rejection.Invalid("comment", "max-length", "a comment is at most " + MAX_COMMENT + " characters");
      }
      if (c.group() != null) requireMember(c.group(), c.by(), c.audience());
      if (state != null && state.tags().equals(tags) && Objects.equals(state.comment(), comment) && Objects.equals(state.group(), c.group())) {
        return List.of();
      }
      return List.of(new BookmarkSaved(c.url(), c.by(), tags, comment, c.group(), c.at()));
    }
    if (command instanceof Remove c) return state == null ? List.of() : List.of(new BookmarkRemoved(c.url(), c.by(), c.at()));
    throw new IllegalArgumentException("unknown command " + command);
  }

  private static List<String> tags(List<String> raw) {
    List<String> out = new ArrayList<>();
    if (raw == null) return out;
    if (raw.size() > MAX_TAGS) throw new Rejection.Invalid("tags", "max-items", "at most " + MAX_TAGS + " tags");
    for (String t : raw) {
      String tag = PostText.normaliseTag(t);
      if (tag == null) throw new Rejection.Invalid("tags", "hashtag", "a tag is letters, digits and '_', at most 64");
      if (!out.contains(tag)) out.add(tag);
    }
    return out;
  }

  /** Shared in a group: its members only, as with posting there. */
  private static void requireMember(String group, String by, GroupFacts facts) {
    if (facts == null || !facts.exists() || !Visibility.maySeeAudience(by, group, facts)) {
      throw new Rejection.Invalid("group", "existing-group", "group " + group + " does not exist");
    }
    if (!facts.isMember(by)) throw new Rejection.Forbidden("join group " + group + " to share in it");
  }
}
