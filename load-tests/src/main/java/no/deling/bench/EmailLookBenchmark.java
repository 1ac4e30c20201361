package no.deling.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.deling.email.UnreadNotificationMail;
import no.deling.load.org.Args;
import no.deling.notifications.Notification;
import no.deling.notifications.Notifications;

/**
 * What the unread-notification mailer's look over the inbox costs (it runs every
 * {@code DELING_EMAIL_CHECK_SECONDS}, on a worker, holding the inbox's read lock): an inbox of
 * {@code --people} people with {@code --each} notifications each, in process.
 *
 * <ul>
 *   <li>steady: everyone handled already, one notification new and not yet due per person;
 *   <li>after a start: nothing handled, every notification unread, a tenth of the people with one
 *       due (the rest walked to their oldest, the worst case);
 *   <li>baseline: summing as many longs from an array as the inbox holds notifications.
 * </ul>
 *
 * Run: {@code mvn -q -B test-compile exec:java -Dexec.mainClass=no.deling.bench.EmailLookBenchmark}
 */
public final class EmailLookBenchmark {
  public static void main(String[] argv) {
    Args args = new Args(argv);
    int people = args.intValue("--people", 10_000);
    int each = args.intValue("--each", 100);
    long now = 1_800_000_000_000L;
    long hour = 3_600_000L;
    Notifications n = new Notifications();
    Map<String, Long> handled = new HashMap<>();
    long id = 0;
    for (int p = 0; p < people; p++) {
      String who = "person" + p;
      List<Object> batch = new ArrayList<>(each);
      for (int k = 0; k < each; k++) {
        // older than a day past the delay (never due), but the newest of a tenth of the people: due now
        long at = k == each - 1 && p % 10 == 0 ? now - 2 * hour : now - 40 * hour;
        batch.add(new Notification(++id, who, "endorsement", "someone", 0, null, at));
      }
      n.handle(batch, id);
      handled.put(who, id);
    }
    long[] raw = new long[people * each];
    for (int i = 0; i < raw.length; i++) raw[i] = i;
    Map<String, Long> steadyHandled = new HashMap<>();
    handled.forEach((k, v) -> steadyHandled.put(k, v - 1)); // the newest of each one new and not due
    for (int p = 0; p < people; p++) {
      n.handle(List.of(new Notification(++id, "person" + p, "reply", "someone", 0, null, now - 60_000)), id);
    }
    int due = 0;
    double steady = 0, first = 0, baseline = 0;
    long sink = 0;
    for (int round = 0; round < 30; round++) {
      long t0 = System.nanoTime();
      due += UnreadNotificationMail.peopleDue(n, handled, now, p -> hour).size();
      long t1 = System.nanoTime();
      due += UnreadNotificationMail.peopleDue(n, Map.of(), now, p -> hour).size();
      long t2 = System.nanoTime();
      for (long v : raw) sink += v;
      long t3 = System.nanoTime();
      if (round >= 10) { // the first rounds warm the JIT
        steady += (t1 - t0) / 1e3;
        first += (t2 - t1) / 1e3;
        baseline += (t3 - t2) / 1e3;
      }
    }
    System.out.printf("inbox: %,d people x %,d notifications; %,d due per first look (sink %d)%n", people, each + 1, due / 30, sink % 7);
    System.out.printf("steady look (all handled): %,.0f µs%n", steady / 20);
    System.out.printf("first look after a start (nothing handled): %,.0f µs%n", first / 20);
    System.out.printf("baseline, summing %,d longs: %,.0f µs%n", raw.length, baseline / 20);
  }
}
