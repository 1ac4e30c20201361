package no.deling.core.collections;

/**
 * A map key that is equal only to a key of the very same object: for caches keyed by objects that
 * are handed out again and again (a contract's schemas, the arrays a store passes along), where
 * hashing or comparing their content would cost more than it tells.
 */
public record IdentityKey<T>(T value) {
  @Override
  public boolean equals(Object o) {
    return o instanceof IdentityKey<?> k && k.value == value;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(value);
  }
}
