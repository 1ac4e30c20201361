package no.deling.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefusalsTest {
  @Test
  void aDeviceIsGivenUp_atItsFifthRefusalInARow_andAPushTakenInBetweenStartsTheCountAgain() {
    Refusals r = new Refusals();
    for (int i = 1; i < Refusals.IN_A_ROW; i++) assertThat(r.refused("phone")).as("refusal %d", i).isFalse();
    r.taken("phone");
    for (int i = 1; i < Refusals.IN_A_ROW; i++) assertThat(r.refused("phone")).as("refusal %d after one taken", i).isFalse();
    assertThat(r.refused("laptop")).as("each device counts its own").isFalse();
    assertThat(r.refused("phone")).isTrue();
    assertThat(r.refused("phone")).as("given up once: a new count").isFalse();
  }

  @Test
  void onlyACredentialsRefusal_counts_notAServiceThatIsDownOrBusy() {
    assertThat(new WebPushSender.Answer(403, null).outcome()).isEqualTo(WebPushSender.Outcome.REFUSED);
    assertThat(new WebPushSender.Answer(401, null).outcome()).isEqualTo(WebPushSender.Outcome.REFUSED);
    assertThat(new WebPushSender.Answer(410, null).outcome()).isEqualTo(WebPushSender.Outcome.GONE);
    assertThat(new WebPushSender.Answer(429, "2").outcome()).isEqualTo(WebPushSender.Outcome.FAILED);
    assertThat(new WebPushSender.Answer(503, null).outcome()).isEqualTo(WebPushSender.Outcome.FAILED);
    assertThat(new WebPushSender.Answer(400, null).outcome()).isEqualTo(WebPushSender.Outcome.FAILED);
    assertThat(new WebPushSender.Answer(201, null).outcome()).isEqualTo(WebPushSender.Outcome.SENT);
  }
}
