package no.deling.links;

import java.time.Instant;
import java.util.List;
import no.deling.core.events.DomainEvent;

/** One person's bookmark of one address, stream {@code bookmark-<linkId>-<user>}: a thousand people saving one link never conflict. */
public sealed interface LinkEvent extends DomainEvent {
  String url();

  String by();

  /**
   * Saved (or saved again, replacing the tags and comment) to the shared library.
   *
   * @param url the normalised address
   * @param group the group it was shared in (its members alone see this bookmark), or null for everyone
   */
  record BookmarkSaved(String url, String by, List<String> tags, String comment, String group, Instant at) implements LinkEvent {}

  record BookmarkRemoved(String url, String by, Instant at) implements LinkEvent {}

  static String stream(String normalisedUrl, String by) {
    return "bookmark-" + LinkUrl.id(normalisedUrl) + "-" + by;
  }
}
