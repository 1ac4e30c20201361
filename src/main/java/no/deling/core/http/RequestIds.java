package no.deling.core.http;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Every answer names its request ({@code X-Request-Id}), and so does every problem's body and the
 * log line of a failure nothing handled: a colleague who reads "the server failed (reference …)"
 * gives the operator the one line to look for. A proxy in front that already names requests
 * (nginx's {@code $request_id}, Envoy, a load balancer) is believed when its id is short and plain,
 * so its access log and ours agree; anything else is replaced, so no header can write into our log.
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  private static final int MAX_LENGTH = 64;

  private RequestIds() {}

  /** The id to answer with: {@code incoming} when it is 1–64 letters, digits or {@code . _ : -}, else a new one. */
  public static String of(String incoming) {
    return plain(incoming) ? incoming : fresh();
  }

  /** Sixteen hex digits: enough that two requests in one log do not share one. */
  static String fresh() {
    String hex = Long.toHexString(ThreadLocalRandom.current().nextLong());
    return hex.length() == 16 ? hex : "0".repeat(16 - hex.length()) + hex;
  }

  private static boolean plain(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) return false;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == ':' || c == '-';
      if (!ok) return false;
    }
    return true;
  }
}
