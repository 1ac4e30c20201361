package no.deling.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import no.deling.readmodel.ModelState;
import no.deling.readmodel.ReadModel;
import org.junit.jupiter.api.Test;

/**
 * A live entry is rendered when the hub first sends it — at once when someone is subscribed, so it
 * shows its event's moment — and never when nobody is, unless a resume asks for it; however many
 * sockets get it, it is rendered once.
 */
class StreamEntryRenderingTest {
  private final ReadModel model = new ReadModel(ModelState.empty(0, 1000, false), 0);
  private final AtomicInteger renders = new AtomicInteger();

  private StreamEntry entry(long position, String state) {
    return StreamEntry.forAudience(position, "announcement", "carol"::equals, () -> {
      renders.incrementAndGet();
      return "\"state\":\"" + state + "\"";
    });
  }

  private static StreamHub.Subscription carol(List<String> sent) {
    return new StreamHub.Subscription("carol", new StreamKey(StreamKey.Kind.HOME, "home"), m -> sent.add(m));
  }

  @Test
  void anEntryNobodyIsSubscribedTo_isNotRendered_untilAResumeAsksForIt() {
    StreamHub hub = new StreamHub(model, 100, 100, 0);
    hub.publish(List.of(entry(1, "then")));
    assertThat(renders).as("nobody listening: nothing rendered").hasValue(0);

    List<String> resumed = new ArrayList<>();
    assertThat(hub.subscribe(carol(resumed), 0L)).isEqualTo(StreamHub.Outcome.REPLAYED);
    assertThat(renders).hasValue(1);
    assertThat(resumed).singleElement().asString().contains("\"position\":1").contains("\"state\":\"then\"");
  }

  @Test
  void anEntrySomeoneIsSubscribedTo_isRenderedAtOnce_andOnceForEverySocket() {
    StreamHub hub = new StreamHub(model, 100, 100, 0);
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    hub.subscribe(carol(first), null);
    hub.subscribe(carol(second), null);
    hub.publish(List.of(entry(1, "at its event")));
    assertThat(renders).as("rendered while the event's state is current").hasValue(1);
    assertThat(first).singleElement().asString().contains("at its event");
    assertThat(second).isEqualTo(first);

    List<String> resumed = new ArrayList<>();
    hub.subscribe(carol(resumed), 0L);
    assertThat(resumed).isEqualTo(first);
    assertThat(renders).as("a resume sends what was rendered").hasValue(1);
  }
}
