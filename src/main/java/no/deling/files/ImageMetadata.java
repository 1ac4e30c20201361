package no.deling.files;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a photo says about its taker beyond the picture, taken out before it is stored: a phone's
 * photo carries where it was taken (often at home), when, and the phone's make and serial number,
 * and an upload reaches the whole organisation. Only the picture, its colour profile and its
 * orientation are kept (the orientation as a minimal Exif block of its own, so a portrait photo
 * still shows upright; a GIF keeps its looping). Works on the bytes as they are; nothing is decoded or re-encoded, so the
 * picture is the same to the bit.
 *
 * <p>A file whose structure cannot be followed is returned unchanged: the picture is more likely
 * broken than hiding something, and a browser shows it no differently.
 */
public final class ImageMetadata {
  private ImageMetadata() {}

  /** Orientation as Exif numbers it: 1 is as stored; 2 to 8 are mirrorings and quarter turns. */
  public static final int UPRIGHT = 1;

  /** The bytes without personal metadata; the same array when there is none, or the type is not handled. */
  public static byte[] withoutPersonalData(byte[] bytes, String contentType) {
    try {
      byte[] cleaned = switch (contentType) {
        case "image/jpeg" -> jpeg(bytes);
        case "image/png" -> png(bytes);
        case "image/webp" -> webp(bytes);
        case "image/gif" -> gif(bytes);
        default -> null;
      };
      return cleaned == null ? bytes : cleaned;
    } catch (RuntimeException malformed) {
      return bytes;
    }
  }

  /** A JPEG's Exif orientation, 1 when it has none or it cannot be read. */
  public static int orientation(byte[] jpeg) {
    try {
      // only the segments before the picture: Exif comes first, and the scan is most of the file
      List<Segment> segments = jpegSegments(jpeg, true);
      if (segments == null) return UPRIGHT;
      for (Segment s : segments) {
        if (s.marker == APP1 && s.startsWith(jpeg, EXIF)) return exifOrientation(jpeg, s.start + 4 + EXIF.length, s.end);
      }
    } catch (RuntimeException malformed) {
      // as if upright
    }
    return UPRIGHT;
  }

  /** Whether the orientation turns the picture a quarter, so that its width is shown as its height. */
  public static boolean turnsSideways(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  // --- JPEG ------------------------------------------------------------------------------------

  private static final int SOI = 0xD8, EOI = 0xD9, SOS = 0xDA, APP0 = 0xE0, APP1 = 0xE1, APP2 = 0xE2, APP14 = 0xEE, COM = 0xFE;
  private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] ICC = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);

  /**
   * A marker segment: {@code start} at its 0xFF, {@code end} past its last byte. For a scan, the
   * end is past its entropy-coded data.
   */
  private record Segment(int marker, int start, int end) {
    boolean startsWith(byte[] bytes, byte[] prefix) {
      int at = start + 4;
      if (end - at < prefix.length) return false;
      for (int i = 0; i < prefix.length; i++) if (bytes[at + i] != prefix[i]) return false;
      return true;
    }
  }

  /**
   * Keeps the picture's own segments (tables, frame, scans), JFIF, the ICC colour profile and
   * Adobe's colour transform; drops every other application segment (Exif, XMP, IPTC, maker notes,
   * the multi-picture index) and comments, and whatever follows the picture's end (phones append
   * further pictures there, each with its own Exif).
   */
  private static byte[] jpeg(byte[] bytes) {
    List<Segment> segments = jpegSegments(bytes, false);
    if (segments == null) return null;
    int orientation = UPRIGHT;
    List<Segment> kept = new ArrayList<>();
    boolean dropped = false;
    for (Segment s : segments) {
      if (s.marker == APP1 && s.startsWith(bytes, EXIF)) orientation = exifOrientation(bytes, s.start + 4 + EXIF.length, s.end);
      if (keeps(bytes, s)) kept.add(s);
      else dropped = true;
    }
    Segment last = segments.get(segments.size() - 1);
    if (!dropped && orientation == UPRIGHT && last.end == bytes.length) return null;
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
    out.write(0xFF);
    out.write(SOI);
    for (Segment s : kept) if (s.marker == APP0) write(out, bytes, s); // JFIF comes first (Java's reader insists)
    if (orientation != UPRIGHT) out.writeBytes(orientationOnly(orientation));
    for (Segment s : kept) if (s.marker != APP0) write(out, bytes, s);
    return out.toByteArray();
  }

  private static boolean keeps(byte[] bytes, Segment s) {
    if (s.marker == APP0 || s.marker == APP14) return true;
    if (s.marker == APP2) return s.startsWith(bytes, ICC);
    return !(s.marker >= APP1 && s.marker <= 0xEF) && s.marker != COM;
  }

  private static void write(ByteArrayOutputStream out, byte[] bytes, Segment s) {
    out.write(bytes, s.start, s.end - s.start);
  }

  /**
   * The segments after SOI up to and including EOI (or to the end of a picture cut short), or null
   * when the bytes do not follow JPEG's structure; with {@code headersOnly}, those before the first
   * scan. Scans run to the next marker that is not a restart or a stuffed 0xFF.
   */
  private static List<Segment> jpegSegments(byte[] b, boolean headersOnly) {
    if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != SOI) return null;
    List<Segment> segments = new ArrayList<>();
    int i = 2;
    while (i < b.length) {
      if ((b[i] & 0xFF) != 0xFF) return null;
      int start = i;
      while (i < b.length && (b[i] & 0xFF) == 0xFF) i++; // fill bytes
      if (i >= b.length) return null;
      int marker = b[i++] & 0xFF;
      if (marker == EOI) {
        segments.add(new Segment(marker, start, i));
        return segments;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
        segments.add(new Segment(marker, start, i));
        continue;
      }
      if (i + 2 > b.length) return null;
      int length = ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
      if (length < 2 || i + length > b.length) return null;
      i += length;
      if (marker == SOS && headersOnly) return segments;
      if (marker == SOS) i = scanEnd(b, i);
      segments.add(new Segment(marker, start, i));
    }
    // cut short: in its picture, browsers show what there is (so it is cleaned all the same); before, it is no picture
    return !segments.isEmpty() && segments.get(segments.size() - 1).marker == SOS ? segments : null;
  }

  /** Past a scan's entropy-coded data: at the first 0xFF that starts a marker other than a restart. */
  private static int scanEnd(byte[] b, int i) {
    while (i + 1 < b.length) {
      if ((b[i] & 0xFF) == 0xFF) {
        int next = b[i + 1] & 0xFF;
        if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7)) return i;
      }
      i++;
    }
    return b.length;
  }

  /** Reads tag 0x0112 from IFD0 of the TIFF structure in {@code [tiff, end)}. */
  private static int exifOrientation(byte[] b, int tiff, int end) {
    if (end - tiff < 8) return UPRIGHT;
    boolean little;
    if (b[tiff] == 'I' && b[tiff + 1] == 'I') little = true;
    else if (b[tiff] == 'M' && b[tiff + 1] == 'M') little = false;
    else return UPRIGHT;
    long ifd = u32(b, tiff + 4, little);
    if (ifd < 8 || tiff + ifd + 2 > end) return UPRIGHT;
    int at = (int) (tiff + ifd);
    int entries = u16(b, at, little);
    for (int e = 0; e < entries; e++) {
      int entry = at + 2 + e * 12;
      if (entry + 12 > end) return UPRIGHT;
      if (u16(b, entry, little) == 0x0112 && u16(b, entry + 2, little) == 3) {
        int value = u16(b, entry + 8, little);
        return value >= 1 && value <= 8 ? value : UPRIGHT;
      }
    }
    return UPRIGHT;
  }

  /** An APP1 segment holding Exif with one field: the orientation. */
  static byte[] orientationOnly(int orientation) {
    byte[] tiff = {
        'M', 'M', 0, 42, 0, 0, 0, 8, // big-endian, IFD0 at 8
        0, 1, // one entry
        0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, 1 value
        0, 0, 0, 0}; // no further IFD
    int length = 2 + EXIF.length + tiff.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + 2);
    out.write(0xFF);
    out.write(APP1);
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes(EXIF);
    out.writeBytes(tiff);
    return out.toByteArray();
  }

  private static int u16(byte[] b, int at, boolean little) {
    int x = b[at] & 0xFF, y = b[at + 1] & 0xFF;
    return little ? (y << 8) | x : (x << 8) | y;
  }

  private static long u32(byte[] b, int at, boolean little) {
    long v = 0;
    for (int k = 0; k < 4; k++) v = (v << 8) | (b[little ? at + 3 - k : at + k] & 0xFF);
    return v;
  }

  // --- PNG -------------------------------------------------------------------------------------

  /** Text chunks (which carry XMP and free text), Exif and the last-modified time. */
  private static final Set<String> PNG_PERSONAL = Set.of("eXIf", "tEXt", "zTXt", "iTXt", "tIME");

  private static byte[] png(byte[] b) {
    int i = 8;
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
    out.write(b, 0, 8);
    boolean changed = false;
    while (true) {
      if (i + 12 > b.length) return null; // no IEND: cut short
      long length = u32(b, i, false);
      if (length > b.length - i - 12) return null;
      String type = new String(b, i + 4, 4, StandardCharsets.ISO_8859_1);
      int end = i + 12 + (int) length;
      if (PNG_PERSONAL.contains(type)) changed = true;
      else out.write(b, i, end - i);
      i = end;
      if (type.equals("IEND")) break;
    }
    return changed || i != b.length ? out.toByteArray() : null;
  }

  // --- GIF -------------------------------------------------------------------------------------

  /** Application extensions a GIF needs: looping (Netscape's and its older twin) and a colour profile. */
  private static final Set<String> GIF_KEPT_APPLICATIONS = Set.of("NETSCAPE2.0", "ANIMEXTS1.0", "ICCRGBG1012");

  /** Drops comment extensions and application extensions other than looping and colour (XMP among them), and what follows the trailer. */
  private static byte[] gif(byte[] b) {
    if (b.length < 13) return null;
    int i = 13;
    int packed = b[10] & 0xFF;
    if ((packed & 0x80) != 0) i += 3 * (1 << ((packed & 0x07) + 1)); // the global colour table
    if (i > b.length) return null;
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
    out.write(b, 0, i);
    boolean changed = false;
    while (true) {
      if (i >= b.length) return null; // no trailer: cut short
      int introducer = b[i] & 0xFF;
      if (introducer == 0x3B) {
        out.write(0x3B);
        changed |= i + 1 != b.length;
        break;
      }
      int start = i;
      boolean keep = true;
      if (introducer == 0x21) {
        if (i + 2 > b.length) return null;
        int label = b[i + 1] & 0xFF;
        if (label == 0xFE) keep = false;
        if (label == 0xFF) {
          if (i + 3 + 11 > b.length || (b[i + 2] & 0xFF) != 11) return null;
          keep = GIF_KEPT_APPLICATIONS.contains(new String(b, i + 3, 11, StandardCharsets.ISO_8859_1));
        }
        i += 2;
      } else if (introducer == 0x2C) {
        if (i + 10 > b.length) return null;
        int local = b[i + 9] & 0xFF;
        i += 10;
        if ((local & 0x80) != 0) i += 3 * (1 << ((local & 0x07) + 1));
        i += 1; // LZW minimum code size
      } else {
        return null;
      }
      i = subBlocksEnd(b, i);
      if (i < 0) return null;
      if (keep) out.write(b, start, i - start);
      else changed = true;
    }
    return changed ? out.toByteArray() : null;
  }

  /** Past a run of sub-blocks (each a length byte and that many bytes) and the zero that ends them; -1 when cut short. */
  private static int subBlocksEnd(byte[] b, int i) {
    while (true) {
      if (i >= b.length) return -1;
      int size = b[i] & 0xFF;
      i += 1 + size;
      if (size == 0) return i;
    }
  }

  // --- WebP ------------------------------------------------------------------------------------

  private static byte[] webp(byte[] b) {
    if (b.length < 12) return null;
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
    out.write(b, 0, 12);
    boolean changed = false;
    int i = 12;
    while (i < b.length) {
      if (i + 8 > b.length) return null;
      String type = new String(b, i, 4, StandardCharsets.ISO_8859_1);
      long size = u32(b, i + 4, true);
      long padded = size + (size & 1);
      if (padded > b.length - i - 8) return null;
      int end = i + 8 + (int) padded;
      if (type.equals("EXIF") || type.equals("XMP ")) {
        changed = true;
      } else if (type.equals("VP8X") && size >= 1) {
        byte[] chunk = java.util.Arrays.copyOfRange(b, i, end);
        chunk[8] &= (byte) ~0x0C; // the flags no longer promise Exif (0x08) or XMP (0x04)
        out.writeBytes(chunk);
      } else {
        out.write(b, i, end - i);
      }
      i = end;
    }
    if (!changed) return null;
    byte[] cleaned = out.toByteArray();
    int riff = cleaned.length - 8;
    cleaned[4] = (byte) riff;
    cleaned[5] = (byte) (riff >> 8);
    cleaned[6] = (byte) (riff >> 16);
    cleaned[7] = (byte) (riff >> 24);
    return cleaned;
  }
}
