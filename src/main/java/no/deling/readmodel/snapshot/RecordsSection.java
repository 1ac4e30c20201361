package no.deling.readmodel.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import no.deling.endorsements.Endorsements;
import no.deling.links.Links;
import no.deling.links.Links.Contribution;
import no.deling.links.Links.Entry;
import no.deling.notifications.Notifications;

/**
 * The section of a snapshot that holds the other numerous plain records: the link library, the
 * endorsements and the notifications, in {@link CompactWriter}'s format and read on a thread of
 * its own beside the posts and the models. Through Kryo's general reader the link library alone
 * was more than half of the models' section (a record, a list and a list of tags for each of
 * hundreds of thousands of links), and most of what the JIT compiled of Kryo at start-up.
 *
 * <p>A post's link carries its post's tags: they are written through the array table, so the
 * links that share a set of tags share one list. Which links each post made is not written: it
 * follows from the entries.
 */
final class RecordsSection {
  private RecordsSection() {}

  /** What the section held. */
  record Contents(Links.Restoring links, Endorsements.Restoring endorsements, Notifications notifications) {}

  static void write(Links links, Endorsements endorsements, Notifications notifications, OutputStream out) {
    CompactWriter w = new CompactWriter(out);
    w.varLong(links.size());
    for (Entry e : links.all()) {
      w.text(e.url);
      w.varLong(e.contributions.size());
      for (Contribution c : e.contributions) {
        w.string(c.by());
        w.text(c.comment());
        w.list(c.tags(), Integer.MAX_VALUE);
        w.varLong(c.atMillis());
        w.varLong(c.post());
        w.string(c.group());
      }
    }
    long[] count = new long[1];
    endorsements.forEach((post, who, at) -> count[0]++);
    w.varLong(endorsements.posts());
    w.varLong(count[0]);
    endorsements.forEach((postId, endorser, atMillis) -> {
      w.varLong(postId);
      w.string(endorser);
      w.varLong(atMillis);
    });
    w.varLong(notifications.recipients());
    notifications.forEachPerson((recipient, readUpTo, oldestFirst) -> person(w, recipient, readUpTo, oldestFirst));
    w.flush();
  }

  static Contents read(InputStream in) {
    try {
      CompactReader r = new CompactReader(in);
      int n = r.count();
      Links.Restoring links = new Links.Restoring(n);
      for (int i = 0; i < n; i++) {
        Entry e = Entry.restored(r.text());
        int contributions = r.count();
        if (e.url == null) throw new IOException("damaged section: a link without an address");
        if (e.contributions instanceof ArrayList<Contribution> list) list.ensureCapacity(contributions);
        for (int c = 0; c < contributions; c++) {
          e.contributions.add(new Contribution(r.string(), r.text(), r.list(), r.varLong(), r.varLong(), r.string()));
        }
        links.add(e);
      }
      Endorsements.Restoring endorsements = new Endorsements.Restoring(r.count());
      long endorsementCount = r.varLong();
      for (long i = 0; i < endorsementCount; i++) endorsements.add(r.varLong(), r.string(), r.varLong());
      Notifications notifications = new Notifications();
      int people = r.count();
      for (int i = 0; i < people; i++) person(r, notifications);
      return new Contents(links, endorsements, notifications);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void person(CompactWriter w, String recipient, long readUpTo, Notifications.Column oldestFirst) {
    w.string(recipient);
    w.varLong(readUpTo);
    w.varLong(oldestFirst.size());
    for (int i = 0; i < oldestFirst.size(); i++) {
      w.varLong(oldestFirst.id(i));
      w.string(oldestFirst.kind(i));
      w.string(oldestFirst.from(i));
      w.varLong(oldestFirst.post(i));
      w.string(oldestFirst.group(i));
      w.varLong(oldestFirst.atMillis(i));
      w.string(oldestFirst.note(i));
    }
  }

  private static void person(CompactReader r, Notifications into) throws IOException {
    String recipient = r.string();
    long readUpTo = r.varLong();
    int count = r.count();
    if (count > Notifications.PER_PERSON) throw new IOException("damaged section: " + count + " notifications for one person");
    Notifications.Restoring person = into.restore(recipient, readUpTo, count);
    for (int i = 0; i < count; i++) person.add(r.varLong(), r.string(), r.string(), r.varLong(), r.string(), r.varLong(), r.string());
  }
}
