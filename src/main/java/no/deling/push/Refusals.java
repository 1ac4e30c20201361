package no.deling.push;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Devices whose push service refuses our pushes (401, 403). A subscription made with a key the
 * server no longer has (its keys replaced) is refused for good, and a person whose device is still
 * listed sees no reason to turn pushes on again; a refusal or two may also be the service's passing
 * mood. So a device refused {@link #IN_A_ROW} pushes in a row, none taken in between, is given up
 * (and the person, seeing it gone from their devices, can turn pushes on again, with the new key).
 * Kept by each server in memory: a restart begins the count again, which only delays it.
 */
final class Refusals {
  static final int IN_A_ROW = 5;
  private final Map<String, Integer> inARow = new ConcurrentHashMap<>();

  /** The push was taken: the device's refusals so far count for nothing. */
  void taken(String device) {
    inARow.remove(device);
  }

  /** The push was refused; true once the device has been refused {@link #IN_A_ROW} times in a row. */
  boolean refused(String device) {
    int n = inARow.merge(device, 1, Integer::sum);
    if (n < IN_A_ROW) return false;
    inARow.remove(device);
    return true;
  }

  void forget(String device) {
    inARow.remove(device);
  }
}
