package no.deling.core.http;

import io.vertx.core.http.HttpMethod;

/**
 * The one request whose body is not JSON: a file's bytes ({@code POST /api/files}), sent as
 * {@code application/octet-stream} and allowed to be larger. The request guard and the API's body
 * handling both ask here, so they cannot disagree about which request it is.
 */
public final class Uploads {
  private Uploads() {}

  public static final String PATH = "/api/files";
  public static final String MEDIA_TYPE = "application/octet-stream";

  public static boolean is(HttpMethod method, String path) {
    return method == HttpMethod.POST && PATH.equals(path);
  }
}
