package no.deling.scim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The SCIM discovery documents (RFC 7644 §4): what this service supports, its one resource type,
 * and the schemas of exactly the attributes Deling keeps, so a provider's attribute mapping can
 * be checked against them.
 */
final class ScimDiscovery {
  private static final String SPC = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
  private static final String RT = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
  private static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
  private static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

  JsonObject serviceProviderConfig(String base) {
    return new JsonObject().put("schemas", new JsonArray().add(SPC))
        .put("documentationUri", "https://deling.no/docs/scim")
        .put("patch", supported(true))
        .put("bulk", supported(false).put("maxOperations", 0).put("maxPayloadSize", 0))
        .put("filter", supported(true).put("maxResults", 200))
        .put("changePassword", supported(false))
        .put("sort", supported(false))
        .put("etag", supported(false))
        .put("authenticationSchemes", new JsonArray().add(new JsonObject().put("type", "oauthbearertoken").put("name", "Bearer token")
            .put("description", "The token set in DELING_SCIM_TOKEN").put("primary", true)))
        .put("meta", meta("ServiceProviderConfig", base + "/ServiceProviderConfig"));
  }

  JsonArray resourceTypes(String base) {
    return new JsonArray().add(new JsonObject().put("schemas", new JsonArray().add(RT)).put("id", "User").put("name", "User")
        .put("endpoint", "/Users").put("description", "A person in the organisation").put("schema", ScimUser.CORE)
        .put("schemaExtensions", new JsonArray().add(new JsonObject().put("schema", ScimUser.ENTERPRISE).put("required", false)))
        .put("meta", meta("ResourceType", base + "/ResourceTypes/User")));
  }

  JsonArray schemas(String base) {
    JsonArray user = new JsonArray()
        .add(attr("userName", "string", true, "readWrite", "server").put("description", "The Deling user id: letters, digits, '.', '_', '-'; cannot change"))
        .add(attr("externalId", "string", false, "readWrite", "none"))
        .add(attr("name", "complex", false, "readWrite", "none").put("subAttributes", new JsonArray()
            .add(attr("givenName", "string", false, "readWrite", "none")).add(attr("familyName", "string", false, "readWrite", "none"))
            .add(attr("formatted", "string", false, "writeOnly", "none"))))
        .add(attr("displayName", "string", false, "readWrite", "none"))
        .add(attr("title", "string", false, "readWrite", "none"))
        .add(attr("active", "boolean", false, "readWrite", "none").put("description", "false: cannot log in, not found by people search; posts stay"))
        .add(attr("emails", "complex", false, "readWrite", "none").put("multiValued", true).put("description", "only the primary (or work) address is kept")
            .put("subAttributes", new JsonArray().add(attr("value", "string", false, "readWrite", "none"))
                .add(attr("type", "string", false, "readWrite", "none")).add(attr("primary", "boolean", false, "readWrite", "none"))))
        .add(attr("addresses", "complex", false, "readWrite", "none").put("multiValued", true).put("description", "only the locality of the primary (or work) address is kept")
            .put("subAttributes", new JsonArray().add(attr("locality", "string", false, "readWrite", "none"))
                .add(attr("type", "string", false, "readWrite", "none"))));
    JsonArray enterprise = new JsonArray()
        .add(attr("department", "string", false, "readWrite", "none"))
        .add(attr("manager", "complex", false, "readWrite", "none").put("subAttributes", new JsonArray()
            .add(attr("value", "string", false, "readWrite", "none").put("description", "the manager's user id"))
            .add(attr("$ref", "reference", false, "readOnly", "none"))));
    return new JsonArray()
        .add(schema(ScimUser.CORE, "User", "A person", user, base))
        .add(schema(ScimUser.ENTERPRISE, "EnterpriseUser", "Enterprise User", enterprise, base));
  }

  JsonObject list(JsonArray resources) {
    return new JsonObject().put("schemas", new JsonArray().add(LIST)).put("totalResults", resources.size()).put("startIndex", 1)
        .put("itemsPerPage", resources.size()).put("Resources", resources);
  }

  private static JsonObject schema(String id, String name, String description, JsonArray attributes, String base) {
    return new JsonObject().put("schemas", new JsonArray().add(SCHEMA)).put("id", id).put("name", name).put("description", description)
        .put("attributes", attributes).put("meta", meta("Schema", base + "/Schemas/" + id));
  }

  private static JsonObject attr(String name, String type, boolean required, String mutability, String uniqueness) {
    return new JsonObject().put("name", name).put("type", type).put("multiValued", false).put("required", required)
        .put("caseExact", false).put("mutability", mutability).put("returned", mutability.equals("writeOnly") ? "never" : "default")
        .put("uniqueness", uniqueness);
  }

  private static JsonObject supported(boolean yes) {
    return new JsonObject().put("supported", yes);
  }

  private static JsonObject meta(String type, String location) {
    return new JsonObject().put("resourceType", type).put("location", location);
  }
}
