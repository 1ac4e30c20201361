package no.deling.privacy.sealing;

import javax.crypto.SecretKey;

/**
 * Data keys, one per person and period, kept outside the log. Destroying a person's keys makes
 * every event sealed for them unreadable for good (crypto-shredding), without touching the log.
 * Lookups answer from memory; everything that changes keys writes durably before it returns.
 */
public interface KeyStore extends AutoCloseable {
  /** The period of a person's profile: its key lives as long as the person. */
  String PROFILE = "profile";

  /** The key, or null when there is none (never made, or destroyed). Never blocks. */
  SecretKey key(String subject, String period);

  /** The key, made and stored durably first if there is none. Blocking IO: call it on a worker. */
  SecretKey create(String subject, String period);

  /** Destroys every key of {@code subject}, durably; how many there were. Blocking IO. */
  int destroy(String subject);

  /**
   * Drops what this server holds in memory of {@code subject}'s keys, so the next lookup asks the
   * file: another server sharing it may have destroyed them (called when a {@code PersonErased} is applied).
   */
  void forget(String subject);

  /** Destroys every key of a month before {@code month} ({@code yyyy-MM}), durably; how many. Blocking IO. */
  int destroyMonthsBefore(String month);

  @Override
  void close();
}
