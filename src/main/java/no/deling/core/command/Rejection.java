package no.deling.core.command;

/** Why a command was refused. Each kind maps to one HTTP status in {@code core.http.Problems}. */
public abstract sealed class Rejection extends RuntimeException {
  protected Rejection(String message) {
    super(message, null, false, false);
  }

  /** 404: the thing the command is about does not exist (or is gone). */
  public static final class NotFound extends Rejection {
    public NotFound(String message) {
      super(message);
    }
  }

  /** 403: the actor may not do this to this thing. */
  public static final class Forbidden extends Rejection {
    public Forbidden(String message) {
      super(message);
    }
  }

  /** 422: well-formed input that breaks a rule; names the field and the rule. */
  public static final class Invalid extends Rejection {
    private final String field;
    private final String rule;

    public Invalid(String field, String rule, String message) {
      super(message);
      this.field = field;
      this.rule = rule;
    }

    public String field() {
      return field;
    }

    public String rule() {
      return rule;
    }
  }

  /** 409: the thing to create exists already. */
  public static final class Duplicate extends Rejection {
    public Duplicate(String message) {
      super(message);
    }
  }

  /** 409: the stream kept changing under us beyond the retry budget. */
  public static final class Conflict extends Rejection {
    public Conflict(String message) {
      super(message);
    }
  }
}
