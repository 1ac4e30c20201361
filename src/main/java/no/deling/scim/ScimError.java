package no.deling.scim;

/**
 * A SCIM request refused in SCIM's own terms (RFC 7644 §3.12): an HTTP status and, for 400s and
 * 409s, a {@code scimType} such as {@code invalidValue}, {@code invalidFilter}, {@code invalidPath},
 * {@code mutability} or {@code uniqueness}.
 */
final class ScimError extends RuntimeException {
  final int status;
  final String scimType;

  ScimError(int status, String scimType, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.scimType = scimType;
  }

  static ScimError invalidValue(String detail) {
    return new ScimError(400, "invalidValue", detail);
  }

  static ScimError invalidPath(String detail) {
    return new ScimError(400, "invalidPath", detail);
  }

  static ScimError invalidFilter(String detail) {
    return new ScimError(400, "invalidFilter", detail);
  }
}
