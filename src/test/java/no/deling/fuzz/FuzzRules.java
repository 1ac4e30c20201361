package no.deling.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import no.deling.fuzz.RawHttp.Answer;
import no.deling.support.TestServer;

/** What every fuzzed request must get: an answer, never a 5xx, and a refusal in its error format that changes nothing. */
final class FuzzRules {
  static final String PROBLEM = "application/problem+json";
  static final String SCIM = "application/scim+json";

  private FuzzRules() {}

  /**
   * Sends one request over a raw socket and holds its answer to the rules.
   *
   * @param body null for none; sent with {@code contentType}
   */
  static Answer send(TestServer s, String method, String path, String token, String contentType, String body, Object what, String errorType)
      throws Exception {
    long head = s.head();
    byte[] bytes = body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Answer a = RawHttp.exchange(s.server.port(), RawHttp.request(method, path, token, bytes == null ? null : contentType, bytes));
    assertWellBehaved(s, head, a, what, errorType);
    return a;
  }

  /** @param headBefore the log's head before the request, or -1 not to check it */
  static void assertWellBehaved(TestServer s, long headBefore, Answer a, Object what, String errorType) {
    assertThat(a.status()).as("%s: the server must answer", what).isNotZero();
    assertThat(a.status()).as("%s -> %s", what, a.body()).isLessThan(500);
    if (a.status() < 400) return;
    assertThat(a.contentType()).as("%s -> %d %s", what, a.status(), a.body()).isEqualTo(errorType);
    if (headBefore >= 0) assertThat(s.head()).as("%s was refused (%d) but changed the log", what, a.status()).isEqualTo(headBefore);
  }
}
