package no.deling;

/**
 * Which requests can skip the outer router and go to the API's router at once. The outer router
 * holds health, metrics, the stream, SCIM and the web client's files, and mounts the API's router
 * for everything else; Vert.x then joins the mount point to each API route's path while it looks
 * for the route, two strings per route compared (a tenth of what a post allocated). A path goes
 * straight only when the outer router could not have matched it and would have handed it on
 * unchanged: under {@code /api/}, not the stream, and already in normal form (no dot segments,
 * doubled slashes or escapes, which the outer router would normalise first).
 */
final class ApiPaths {
  private ApiPaths() {}

  static boolean straightToApi(String path) {
    if (path == null || !path.startsWith("/api/")) return false;
    if (path.equals("/api/stream") || path.equals("/api/stream/")) return false;
    return !path.contains("/.") && !path.contains("//") && path.indexOf('%') < 0 && path.indexOf('\\') < 0;
  }
}
