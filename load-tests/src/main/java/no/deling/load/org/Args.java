package no.deling.load.org;

/** {@code --name value} command-line arguments with defaults. */
public final class Args {
  private final String[] args;

  public Args(String[] args) {
    this.args = args;
  }

  public String string(String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) if (args[i].equals(name)) return args[i + 1];
    return fallback;
  }

  public boolean flag(String name) {
    for (String a : args) if (a.equals(name)) return true;
    return false;
  }

  public int intValue(String name, int fallback) {
    String v = string(name, null);
    return v == null ? fallback : Integer.parseInt(v.replace("_", ""));
  }

  public long longValue(String name, long fallback) {
    String v = string(name, null);
    return v == null ? fallback : Long.parseLong(v.replace("_", ""));
  }

  public double doubleValue(String name, double fallback) {
    String v = string(name, null);
    return v == null ? fallback : Double.parseDouble(v);
  }
}
