package no.deling.integrations;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of a tool's post, from a payload shaped as a Slack incoming webhook's: {@code text},
 * or, for tools that send only attachments (Prometheus Alertmanager, older Grafana, Jenkins), each
 * attachment's pretext, title with its link, text and fields, one attachment after another. What
 * is neither is ignored. Null when the payload says nothing.
 */
public final class HookPayload {
  private HookPayload() {}

  public static String text(JsonObject body) {
    List<String> parts = new ArrayList<>();
    add(parts, body.getValue("text"));
    if (body.getValue("attachments") instanceof JsonArray attachments) {
      for (Object o : attachments) if (o instanceof JsonObject a) parts.add(attachment(a));
    }
    String text = String.join("\n\n", parts.stream().filter(p -> !p.isBlank()).toList());
    return text.isBlank() ? (body.getValue("text") instanceof String s ? s : null) : text;
  }

  private static String attachment(JsonObject a) {
    List<String> lines = new ArrayList<>();
    add(lines, a.getValue("pretext"));
    Object title = a.getValue("title");
    if (title instanceof String t && !t.isBlank()) lines.add(a.getValue("title_link") instanceof String link && !link.isBlank() ? t + " " + link : t);
    add(lines, a.getValue("text"));
    if (a.getValue("fields") instanceof JsonArray fields) {
      for (Object o : fields) {
        if (o instanceof JsonObject f && f.getValue("title") instanceof String t && f.getValue("value") instanceof String v) lines.add(t + ": " + v);
      }
    }
    // the fallback is the attachment's summary for clients that show none of the rest
    if (lines.isEmpty()) add(lines, a.getValue("fallback"));
    return String.join("\n", lines);
  }

  private static void add(List<String> out, Object value) {
    if (value instanceof String s && !s.isBlank()) out.add(s.strip());
  }
}
