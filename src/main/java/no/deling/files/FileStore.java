package no.deling.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Uploaded files' bytes on disk, one file per upload (and one per thumbnail), each encrypted with
 * AES-256-GCM under its uploader's key of the month from the key store: destroying that key (an
 * erasure, or retention passing the month) makes the bytes unreadable wherever copies of them are,
 * as it does to the words in the log. The uploader, month and file id are bound to the ciphertext,
 * so a file renamed on disk does not open as another. Every method does blocking IO: call on a worker.
 */
public final class FileStore {
  private static final byte[] MAGIC = "DLF1".getBytes(StandardCharsets.US_ASCII);
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path dir;

  public FileStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** The names on disk: the file itself, or its thumbnail. */
  public enum Variant {
    ORIGINAL(""), THUMBNAIL(".thumb"), SMALL(".small");

    final String suffix;

    Variant(String suffix) {
      this.suffix = suffix;
    }
  }

  /**
   * Stores {@code plain} sealed for {@code subject}'s {@code period}, durably: written beside its
   * place, forced to disk, moved there in one step, and the folder forced too, so after a crash the
   * file is either whole or absent.
   */
  public void write(String fileId, Variant variant, String subject, String period, SecretKey key, byte[] plain) {
    try {
      Files.createDirectories(dir);
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad(fileId, variant, subject, period));
      byte[] sealed = cipher.doFinal(plain);
      Path target = path(fileId, variant);
      Path temporary = dir.resolve(target.getFileName() + ".part-" + Long.toHexString(RANDOM.nextLong()));
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer header = ByteBuffer.allocate(MAGIC.length + IV_BYTES).put(MAGIC).put(iv).flip();
        while (header.hasRemaining()) out.write(header);
        ByteBuffer body = ByteBuffer.wrap(sealed);
        while (body.hasRemaining()) out.write(body);
        out.force(true);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temporary);
        throw e;
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceFolder();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java", e);
    }
  }

  /** The bytes, or null when they are not there or do not open with {@code key} (destroyed, or not theirs). */
  public byte[] read(String fileId, Variant variant, String subject, String period, SecretKey key) {
    if (key == null) return null;
    byte[] stored;
    try {
      stored = Files.readAllBytes(path(fileId, variant));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (stored.length < MAGIC.length + IV_BYTES || !java.util.Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) return null;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, MAGIC.length, IV_BYTES));
      cipher.updateAAD(aad(fileId, variant, subject, period));
      int from = MAGIC.length + IV_BYTES;
      return cipher.doFinal(stored, from, stored.length - from);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java", e);
    }
  }

  /** Removes the file and its thumbnail, if there (an upload whose event was never stored, or an erased person's). */
  public void delete(String fileId) {
    try {
      for (Variant v : Variant.values()) Files.deleteIfExists(path(fileId, v));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What lies in the folder that no file the log knows can claim: bytes whose upload was never
   * recorded (a crash between storing them and the log), pieces of writes cut short, and the bytes
   * of files recorded and then forgotten by a server that never learnt their ids (an erasure read
   * in a rebuild). Only what was last written before {@code olderThanMillis}, so an upload being
   * recorded right now is left alone. Deletes them; how many.
   */
  public int deleteStrays(java.util.function.Predicate<String> known, long olderThanMillis) {
    if (!Files.isDirectory(dir)) return 0;
    int deleted = 0;
    try (var entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        String id = name.length() >= 19 ? name.substring(0, 19) : name;
        boolean ours = id.chars().allMatch(c -> c >= '0' && c <= '9') && id.length() == 19;
        if (!ours || (known.test(id) && !name.contains(".part-"))) continue;
        if (Files.getLastModifiedTime(p).toMillis() >= olderThanMillis) continue;
        Files.deleteIfExists(p);
        deleted++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return deleted;
  }

  Path path(String fileId, Variant variant) {
    if (!fileId.chars().allMatch(c -> c >= '0' && c <= '9')) throw new IllegalArgumentException("not a file id: " + fileId);
    return dir.resolve(fileId + variant.suffix);
  }

  private static byte[] aad(String fileId, Variant variant, String subject, String period) {
    return ("deling-file\n" + fileId + variant.suffix + "\n" + subject + "\n" + period).getBytes(StandardCharsets.UTF_8);
  }

  /** A new name in a folder is durable once the folder is (on Linux; elsewhere opening a folder is refused, and skipped). */
  private void forceFolder() {
    try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
      folder.force(true);
    } catch (IOException e) {
      // not every platform lets a folder be opened; the file itself was forced
    }
  }
}
