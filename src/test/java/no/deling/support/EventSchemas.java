package no.deling.support;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.deling.core.eventstore.RecordedEvent;

/** Validates stored events against {@code schema/events/<type>.json} with a JSON Schema library (draft 2020-12). */
public final class EventSchemas {
  private static final Path DIR = Path.of("schema", "events");
  private static final Map<String, Validator> VALIDATORS = new HashMap<>();

  private EventSchemas() {}

  public static synchronized Validator validator(String type) {
    return VALIDATORS.computeIfAbsent(type, t -> {
      Path file = DIR.resolve(t + ".json");
      if (!Files.exists(file)) return null;
      try {
        JsonObject schema = new JsonObject(Files.readString(file));
        return Validator.create(JsonSchema.of(schema),
            new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://deling.no/").setOutputFormat(OutputFormat.Basic));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
  }

  /** @return one line per problem; empty when every event is valid */
  public static List<String> problems(List<RecordedEvent> events) {
    List<String> out = new ArrayList<>();
    for (RecordedEvent e : events) {
      if (e.type().equals(no.deling.privacy.sealing.Sealer.ERASED_TYPE)) continue; // sealed for someone erased: nothing left to check
      Validator v = validator(e.type());
      if (v == null) {
        out.add("position " + e.position() + ": no schema for event type " + e.type());
        continue;
      }
      String json = new String(e.data(), StandardCharsets.UTF_8);
      OutputUnit result = v.validate(new JsonObject(json));
      if (!result.getValid()) out.add("position " + e.position() + " " + e.type() + " " + json + ": " + result.getErrors());
    }
    return out;
  }
}
