package no.deling.previews;

import io.vertx.core.json.JsonObject;

/**
 * What a linked page says of itself, as a post shows it under its text: its title, a line of
 * description, and the site's name. No image: a picture fetched from another site by each reader's
 * browser would tell that site who reads the post.
 *
 * @param url the address as the post has it
 * @param description null when the page gives none
 */
public record LinkPreview(String url, String title, String description, String site) {
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("url", url).put("title", title).put("site", site);
    if (description != null) json.put("description", description);
    return json;
  }
}
