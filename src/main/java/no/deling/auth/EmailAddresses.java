package no.deling.auth;

import java.util.regex.Pattern;

/** What is taken as an email address from a token or a dev login: one address, no display name, no spaces or control characters. */
public final class EmailAddresses {
  private EmailAddresses() {}

  public static final int MAX = 254;
  private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>\",;]+@[^\\s@<>\",;]+\\.[^\\s@<>\",;]+");

  /** The address, or null when it is none. */
  public static String valid(String address) {
    if (address == null || address.length() > MAX || !ADDRESS.matcher(address).matches()) return null;
    return no.deling.core.text.Printable.isPrintable(address) ? address : null;
  }
}
