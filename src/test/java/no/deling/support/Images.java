package no.deling.support;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Real images for upload tests, drawn here rather than kept as binary files. */
public final class Images {
  private Images() {}

  /** What {@link #phonePhoto} hides in its metadata, each of which no colleague should get. */
  public static final java.util.List<String> PHONE_SECRETS = java.util.List.of("Home, Sognsveien 12", "Pixel 9 serial 8C2X",
      "xmp: Alice at home", "iptc: byline Alice", "comment: test shot", "second picture's Exif");

  /**
   * A JPEG as a phone writes one: the picture (left half red, right half blue, {@code width} ×
   * {@code height} as stored) with Exif holding {@code orientation}, a description and a GPS
   * position; XMP, IPTC, a comment, an ICC colour profile (which is kept), a multi-picture index,
   * and a second picture after the first one's end, with Exif of its own.
   */
  public static byte[] phonePhoto(int width, int height, int orientation) {
    byte[] picture = encoded(halves(width, height), "jpeg");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xD8);
    out.writeBytes(segment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff(orientation, PHONE_SECRETS.get(0), PHONE_SECRETS.get(1)))));
    out.writeBytes(segment(0xE2, concat("MPF\0".getBytes(StandardCharsets.ISO_8859_1), "II*\0 index of 2 pictures".getBytes(StandardCharsets.ISO_8859_1))));
    out.writeBytes(segment(0xE2, concat("ICC_PROFILE\0\1\1".getBytes(StandardCharsets.ISO_8859_1), ICC_PROFILE)));
    out.writeBytes(segment(0xE1, ("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>" + PHONE_SECRETS.get(2) + "</x:xmpmeta>").getBytes(StandardCharsets.UTF_8)));
    out.writeBytes(segment(0xED, ("Photoshop 3.0\0" + PHONE_SECRETS.get(3)).getBytes(StandardCharsets.UTF_8)));
    out.writeBytes(segment(0xFE, PHONE_SECRETS.get(4).getBytes(StandardCharsets.UTF_8)));
    out.write(picture, 2, picture.length - 2); // ImageIO's own segments (JFIF first), the scan, EOI
    byte[] second = encoded(halves(16, 16), "jpeg");
    out.write(0xFF);
    out.write(0xD8);
    out.writeBytes(segment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff(1, PHONE_SECRETS.get(5), "-"))));
    out.write(second, 2, second.length - 2);
    return out.toByteArray();
  }

  /** The colour profile in {@link #phonePhoto}: colours are the picture's, so it stays. */
  public static final byte[] ICC_PROFILE = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData();

  /** Left half red, right half blue. */
  public static BufferedImage halves(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, width / 2, height);
    g.setColor(Color.BLUE);
    g.fillRect(width / 2, 0, width - width / 2, height);
    g.dispose();
    return image;
  }

  /** The image written as {@code format} ("png", "jpeg"). */
  public static byte[] encoded(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Little-endian TIFF: IFD0 with a description, the orientation and a GPS IFD with a latitude; the make in IFD0 too. */
  private static byte[] tiff(int orientation, String description, String make) {
    byte[] desc = (description + "\0").getBytes(StandardCharsets.ISO_8859_1);
    byte[] mk = (make + "\0").getBytes(StandardCharsets.ISO_8859_1);
    int ifd0 = 8, entries = 4, ifd0End = ifd0 + 2 + entries * 12 + 4;
    int descAt = ifd0End, makeAt = descAt + desc.length, gpsAt = makeAt + mk.length + ((makeAt + mk.length) & 1);
    int latAt = gpsAt + 2 + 12 + 4;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(latAt + 24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd0);
    b.putShort((short) entries);
    b.putShort((short) 0x010E).putShort((short) 2).putInt(desc.length).putInt(descAt); // ImageDescription
    b.putShort((short) 0x010F).putShort((short) 2).putInt(mk.length).putInt(makeAt); // Make
    b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0); // Orientation
    b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsAt); // GPS IFD
    b.putInt(0);
    b.put(desc).put(mk);
    b.position(gpsAt);
    b.putShort((short) 1);
    b.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(latAt); // GPSLatitude, 3 rationals
    b.putInt(0);
    b.putInt(59).putInt(1).putInt(57).putInt(1).putInt(12).putInt(1);
    return b.array();
  }

  private static byte[] segment(int marker, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(marker);
    out.write((payload.length + 2) >> 8);
    out.write((payload.length + 2) & 0xFF);
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /** A PNG of the given size: a blue field with an orange disc. */
  public static byte[] png(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(new Color(0x2a6f97));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.ORANGE);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    return encoded(image, "png");
  }
}
