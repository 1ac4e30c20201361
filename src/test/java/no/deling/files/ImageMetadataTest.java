package no.deling.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import no.deling.support.Images;
import org.junit.jupiter.api.Test;

/** Personal metadata taken out of photos, and their orientation kept and applied. */
class ImageMetadataTest {

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static BufferedImage decode(byte[] bytes) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  private static boolean red(int rgb) {
    Color c = new Color(rgb);
    return c.getRed() > 200 && c.getBlue() < 60;
  }

  private static boolean blue(int rgb) {
    Color c = new Color(rgb);
    return c.getBlue() > 200 && c.getRed() < 60;
  }

  @Test
  void aPhonesJpeg_losesExifXmpIptcCommentsAndTheSecondPicture_keepsItsColourProfileAndOrientation_andThePictureToTheBit() throws IOException {
    byte[] photo = Images.phonePhoto(300, 200, 6);
    for (String secret : Images.PHONE_SECRETS) assertThat(text(photo)).as("the fixture holds it").contains(secret);

    byte[] cleaned = ImageMetadata.withoutPersonalData(photo, "image/jpeg");

    for (String secret : Images.PHONE_SECRETS) assertThat(text(cleaned)).doesNotContain(secret);
    assertThat(text(cleaned)).contains(text(Images.ICC_PROFILE)).doesNotContain("MPF\0");
    assertThat(ImageMetadata.orientation(photo)).isEqualTo(6);
    assertThat(ImageMetadata.orientation(cleaned)).isEqualTo(6);
    // the only Exif left is the orientation, written by us, right after JFIF
    assertThat(text(cleaned)).containsOnlyOnce("Exif\0\0").contains(text(ImageMetadata.orientationOnly(6)));
    assertThat(text(cleaned).indexOf("JFIF")).isLessThan(text(cleaned).indexOf("Exif"));
    assertThat(cleaned[cleaned.length - 2] & 0xFF).isEqualTo(0xFF);
    assertThat(cleaned[cleaned.length - 1] & 0xFF).as("ends with the first picture's EOI").isEqualTo(0xD9);
    BufferedImage before = decode(photo), after = decode(cleaned);
    assertThat(after.getWidth()).isEqualTo(300);
    int[] a = before.getRGB(0, 0, 300, 200, null, 0, 300), b = after.getRGB(0, 0, 300, 200, null, 0, 300);
    assertThat(b).as("the same scan, decoded the same").isEqualTo(a);
    assertThat(photo.length - cleaned.length).isPositive();
  }

  @Test
  void aJpegWithNothingPersonal_isReturnedAsItIs() throws IOException {
    byte[] plain = Images.encoded(Images.halves(40, 30), "jpeg");
    assertThat(ImageMetadata.withoutPersonalData(plain, "image/jpeg")).isSameAs(plain);
    assertThat(ImageMetadata.orientation(plain)).isEqualTo(1);
  }

  @Test
  void anUprightPhoto_getsNoOrientationBlock() {
    byte[] cleaned = ImageMetadata.withoutPersonalData(Images.phonePhoto(64, 48, 1), "image/jpeg");
    assertThat(text(cleaned)).doesNotContain("Exif");
    assertThat(ImageMetadata.orientation(cleaned)).isEqualTo(1);
  }

  /**
   * Exif's own words for each orientation: which side of the picture as shown the stored first row
   * is, and which the stored first column is. The stored top-left pixel lands in the corner where
   * they meet; the stored top-right one at the first row's side, opposite the first column's.
   */
  @Test
  void turned_putsTheStoredFirstRowAndColumn_whereExifSaysEachOrientationShowsThem() {
    String[][] rowAndColumn = {null, {"top", "left"}, {"top", "right"}, {"bottom", "right"}, {"bottom", "left"},
        {"left", "top"}, {"right", "top"}, {"right", "bottom"}, {"left", "bottom"}};
    int w = 3, h = 2;
    BufferedImage stored = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int topLeft = 0xFF0000, topRight = 0x00FF00;
    stored.setRGB(0, 0, topLeft);
    stored.setRGB(w - 1, 0, topRight);
    for (int o = 1; o <= 8; o++) {
      BufferedImage shown = Thumbnails.turned(stored, o);
      boolean sideways = o >= 5;
      assertThat(shown.getWidth()).as("orientation %d", o).isEqualTo(sideways ? h : w);
      int sw = shown.getWidth(), sh = shown.getHeight();
      String row = rowAndColumn[o][0], column = rowAndColumn[o][1];
      int[] corner = corner(row, column, sw, sh);
      int[] far = corner(row, opposite(column), sw, sh);
      assertThat(shown.getRGB(corner[0], corner[1]) & 0xFFFFFF).as("orientation %d: stored top-left", o).isEqualTo(topLeft);
      assertThat(shown.getRGB(far[0], far[1]) & 0xFFFFFF).as("orientation %d: stored top-right", o).isEqualTo(topRight);
    }
  }

  private static String opposite(String side) {
    return switch (side) {
      case "top" -> "bottom";
      case "bottom" -> "top";
      case "left" -> "right";
      default -> "left";
    };
  }

  private static int[] corner(String a, String b, int w, int h) {
    int x = a.equals("right") || b.equals("right") ? w - 1 : 0;
    int y = a.equals("bottom") || b.equals("bottom") ? h - 1 : 0;
    return new int[] {x, y};
  }

  @Test
  void aPortraitPhoneShot_isMeasuredAndThumbnailedAsShown_upright() throws IOException {
    byte[] cleaned = ImageMetadata.withoutPersonalData(Images.phonePhoto(900, 600, 6), "image/jpeg");
    Thumbnails.Image image = Thumbnails.of(cleaned, "image/jpeg");
    assertThat(image.width()).isEqualTo(600);
    assertThat(image.height()).isEqualTo(900);
    BufferedImage thumb = decode(image.bytes());
    assertThat(thumb.getWidth()).isEqualTo(427);
    assertThat(thumb.getHeight()).isEqualTo(640);
    // stored left half red: a quarter turn clockwise puts it on top
    assertThat(red(thumb.getRGB(213, 20))).as("top is red").isTrue();
    assertThat(blue(thumb.getRGB(213, 620))).as("bottom is blue").isTrue();
    BufferedImage small = decode(image.small());
    assertThat(small.getHeight()).isEqualTo(128);
    assertThat(red(small.getRGB(small.getWidth() / 2, 5))).isTrue();
  }

  @Test
  void aPng_losesItsTextExifAndTimeChunks_andWhatFollowsItsEnd_keepingEveryOtherChunk() throws IOException {
    byte[] png = Images.encoded(Images.halves(40, 30), "png");
    int iend = png.length - 12;
    ByteArrayOutputStream with = new ByteArrayOutputStream();
    with.write(png, 0, iend);
    with.writeBytes(chunk("tEXt", "Author\0Alice at home"));
    with.writeBytes(chunk("iTXt", "XML:com.adobe.xmp\0\0\0\0\0<gps>59.9</gps>"));
    with.writeBytes(chunk("eXIf", "MM\0*exif-secret"));
    with.writeBytes(chunk("tIME", "\7\352\14\6\12\0\0"));
    with.writeBytes(chunk("sRGB", "\0"));
    with.write(png, iend, 12);
    with.writeBytes("after the end".getBytes(StandardCharsets.ISO_8859_1));
    byte[] marked = with.toByteArray();

    byte[] cleaned = ImageMetadata.withoutPersonalData(marked, "image/png");

    assertThat(text(cleaned)).doesNotContain("Alice at home", "<gps>", "exif-secret", "tIME", "after the end").contains("sRGB");
    assertThat(text(cleaned)).endsWith("IEND" + text(Arrays.copyOfRange(png, png.length - 4, png.length)));
    assertThat(decode(cleaned).getRGB(5, 5)).isEqualTo(decode(png).getRGB(5, 5));
    assertThat(ImageMetadata.withoutPersonalData(png, "image/png")).as("nothing to take out").isSameAs(png);
  }

  private static byte[] chunk(String type, String data) {
    byte[] t = type.getBytes(StandardCharsets.ISO_8859_1), d = data.getBytes(StandardCharsets.ISO_8859_1);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(d);
    return ByteBuffer.allocate(12 + d.length).putInt(d.length).put(t).put(d).putInt((int) crc.getValue()).array();
  }

  @Test
  void aWebp_losesItsExifAndXmpChunks_andItsHeaderNoLongerPromisesThem() {
    byte[] vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0x0C).array();
    byte[] image = "VP8L picture data".getBytes(StandardCharsets.ISO_8859_1); // odd length: padded
    byte[] webp = riff(webpChunk("VP8X", vp8x), webpChunk("VP8L", image), webpChunk("EXIF", "II*\0Oslo 59.9N".getBytes(StandardCharsets.ISO_8859_1)),
        webpChunk("XMP ", "<x:xmpmeta>Alice</x:xmpmeta>".getBytes(StandardCharsets.ISO_8859_1)));

    byte[] cleaned = ImageMetadata.withoutPersonalData(webp, "image/webp");

    assertThat(text(cleaned)).doesNotContain("Oslo", "Alice", "EXIF", "XMP ").contains("VP8L picture data");
    ByteBuffer b = ByteBuffer.wrap(cleaned).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getInt(4)).as("RIFF size").isEqualTo(cleaned.length - 8);
    assertThat(cleaned[20] & 0x0C).as("VP8X flags for Exif and XMP").isZero();
    assertThat(cleaned.length).isEqualTo(12 + 18 + 8 + image.length + 1);
  }

  @Test
  void aGif_losesItsCommentsAndXmp_andWhatFollowsItsEnd_keepingItsLoopingAndEveryFrame() throws IOException {
    byte[] gif = Images.encoded(Images.halves(40, 30), "gif");
    byte[] marked = withExtensions(gif, gifExtension(0xFE, "Taken at home by Alice".getBytes(StandardCharsets.ISO_8859_1)),
        gifExtension(0xFF, "XMP DataXMP<x:xmpmeta>gif-secret</x:xmpmeta>".getBytes(StandardCharsets.ISO_8859_1)),
        gifExtension(0xFF, new byte[] {'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0', 1, 0, 0}),
        "after the trailer".getBytes(StandardCharsets.ISO_8859_1));

    byte[] cleaned = ImageMetadata.withoutPersonalData(marked, "image/gif");

    assertThat(text(cleaned)).doesNotContain("Alice", "gif-secret", "XMP Data", "after the trailer").contains("NETSCAPE2.0");
    assertThat(cleaned[cleaned.length - 1]).as("ends at the trailer").isEqualTo((byte) 0x3B);
    BufferedImage before = decode(gif), after = decode(cleaned);
    assertThat(after.getRGB(0, 0, 40, 30, null, 0, 40)).isEqualTo(before.getRGB(0, 0, 40, 30, null, 0, 40));
    assertThat(ImageMetadata.withoutPersonalData(gif, "image/gif")).as("nothing to take out").isSameAs(gif);
  }

  /** Whatever a GIF's bytes: cleaning gives back something with nothing left to clean, and never its comments. */
  @Property(tries = 200)
  void anyCorruptionOfAGif_cleansInOneGo(@ForAll @IntRange(min = 0, max = 400) int at, @ForAll byte value, @ForAll @IntRange(min = 1, max = 500) int length) {
    byte[] commented = withExtensions(Images.encoded(Images.halves(20, 10), "gif"), gifExtension(0xFE, "a comment".getBytes(StandardCharsets.ISO_8859_1)),
        new byte[0]);
    byte[] broken = Arrays.copyOf(commented, Math.min(length, commented.length));
    if (at < broken.length) broken[at] = value;
    byte[] cleaned = ImageMetadata.withoutPersonalData(broken, "image/gif");
    assertThat(ImageMetadata.withoutPersonalData(cleaned, "image/gif")).isEqualTo(cleaned);
  }

  /**
   * The GIF with {@code extensions} where tools put theirs (after the header, the screen descriptor
   * and the global colour table) and {@code after} past its trailer: the last argument.
   */
  private static byte[] withExtensions(byte[] gif, byte[]... extensionsThenAfter) {
    int packed = gif[10] & 0xFF;
    int at = 13 + ((packed & 0x80) != 0 ? 3 * (1 << ((packed & 0x07) + 1)) : 0);
    ByteArrayOutputStream with = new ByteArrayOutputStream();
    with.write(gif, 0, at);
    for (int i = 0; i < extensionsThenAfter.length - 1; i++) with.writeBytes(extensionsThenAfter[i]);
    with.write(gif, at, gif.length - at);
    with.writeBytes(extensionsThenAfter[extensionsThenAfter.length - 1]);
    return with.toByteArray();
  }

  /** A GIF extension: its label, then the data in sub-blocks of at most 255 bytes (an application's first one is its 11-byte name). */
  private static byte[] gifExtension(int label, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x21);
    out.write(label);
    int i = 0;
    if (label == 0xFF) {
      out.write(11);
      out.write(data, 0, 11);
      i = 11;
    }
    while (i < data.length) {
      int n = Math.min(255, data.length - i);
      out.write(n);
      out.write(data, i, n);
      i += n;
    }
    out.write(0);
    return out.toByteArray();
  }

  private static byte[] webpChunk(String type, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
    return b.put(type.getBytes(StandardCharsets.ISO_8859_1)).putInt(data.length).put(data).array();
  }

  private static byte[] riff(byte[]... chunks) {
    int size = 4 + Arrays.stream(chunks).mapToInt(c -> c.length).sum();
    ByteBuffer b = ByteBuffer.allocate(8 + size).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(size).put("WEBP".getBytes(StandardCharsets.ISO_8859_1));
    for (byte[] c : chunks) b.put(c);
    return b.array();
  }

  /** A photo cut short in its picture is still shown by browsers, and still loses its metadata. */
  @Property(tries = 60)
  void aPhotoCutShortInItsPicture_stillLosesItsMetadata(@ForAll @IntRange(min = 0, max = 999) int permille) {
    byte[] photo = Images.phonePhoto(120, 80, 3);
    int scan = text(photo).indexOf("\u00FF\u00DA");
    int cut = scan + 40 + (int) ((long) (photo.length - scan - 40) * permille / 1000);
    byte[] cleaned = ImageMetadata.withoutPersonalData(Arrays.copyOf(photo, cut), "image/jpeg");
    for (String secret : Images.PHONE_SECRETS.subList(0, 5)) assertThat(text(cleaned)).doesNotContain(secret);
    assertThat(ImageMetadata.orientation(cleaned)).isEqualTo(3);
  }

  /**
   * Whatever the bytes: cleaning keeps the orientation they had, and what it gives back has nothing
   * left to clean; bytes that are not the type named come back as they were.
   */
  @Property(tries = 300)
  void anyCorruptionOfAPhoto_keepsItsOrientation_andCleansInOneGo(@ForAll @IntRange(min = 0, max = 5000) int at,
      @ForAll byte value, @ForAll @IntRange(min = 1, max = 6000) int length) {
    byte[] photo = Images.phonePhoto(60, 40, 8);
    byte[] broken = Arrays.copyOf(photo, Math.min(length, photo.length));
    if (at < broken.length) broken[at] = value;
    byte[] cleaned = ImageMetadata.withoutPersonalData(broken, "image/jpeg");
    assertThat(ImageMetadata.orientation(cleaned)).isEqualTo(ImageMetadata.orientation(broken));
    assertThat(ImageMetadata.withoutPersonalData(cleaned, "image/jpeg")).isEqualTo(cleaned);
    assertThat(ImageMetadata.withoutPersonalData(broken, "image/png")).isSameAs(broken);
    assertThat(ImageMetadata.withoutPersonalData(broken, "image/webp")).isSameAs(broken);
  }
}
