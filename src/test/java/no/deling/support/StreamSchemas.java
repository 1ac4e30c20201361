package no.deling.support;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Validates server → client stream messages against the payload schemas in schema/api/stream.asyncapi.yaml. */
public final class StreamSchemas {
  private static final Map<String, String> MESSAGE_BY_TYPE = Map.of(
      "subscribed", "subscribed", "unsubscribed", "unsubscribed", "update", "update", "status.update", "statusUpdate",
      "delete", "delete", "endorsements", "endorsements", "notification", "notification",
      "outdated_cursor", "outdatedCursor", "pong", "pong", "error", "error");
  private static final Map<String, String> MORE = Map.of(
      "shares", "shares", "announcement", "announcement", "announcement.withdrawn", "announcementWithdrawn", "announcement.acknowledged", "announcementAcknowledged",
      "question.status", "questionStatus", "idea.status", "ideaStatus", "pulse", "pulse", "poll", "poll", "pinned", "pinned",
      "topic.about", "topicAbout");
  private static Map<String, Validator> validators;

  private StreamSchemas() {}

  private static synchronized Map<String, Validator> validators() {
    if (validators != null) return validators;
    try {
      Map<String, Object> doc = new org.yaml.snakeyaml.Yaml().load(Files.readString(Path.of("schema/api/stream.asyncapi.yaml")));
      JsonObject components = new JsonObject(doc).getJsonObject("components");
      Map<String, Validator> out = new HashMap<>();
      Map<String, String> all = new HashMap<>(MESSAGE_BY_TYPE);
      all.putAll(MORE);
      for (var e : all.entrySet()) {
        JsonObject payload = components.getJsonObject("messages").getJsonObject(e.getValue()).getJsonObject("payload").copy();
        // the payload's local $refs (#/components/schemas/…) resolve inside this one document
        payload.put("components", new JsonObject().put("schemas", components.getJsonObject("schemas")));
        out.put(e.getKey(), Validator.create(JsonSchema.of(payload),
            new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://deling.no/stream").setOutputFormat(OutputFormat.Basic)));
      }
      validators = out;
      return out;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** @return null when valid, else what is wrong */
  public static String problem(JsonObject message) {
    Validator v = validators().get(message.getString("type"));
    if (v == null) return "undocumented message type: " + message.encode();
    OutputUnit result = v.validate(message);
    return result.getValid() ? null : message.encode() + " -> " + result.getErrors();
  }
}
