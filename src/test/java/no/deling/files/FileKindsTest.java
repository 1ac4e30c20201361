package no.deling.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileKindsTest {
  private static byte[] bytes(int... b) {
    byte[] out = new byte[Math.max(b.length, 16)];
    for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
    return out;
  }

  @Test
  void imagesAreKnownByTheirBytes_whateverTheirName() {
    assertThat(FileKinds.of("x.txt", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))).isEqualTo(new FileKinds.Kind("image/png", true));
    assertThat(FileKinds.of("x", bytes(0xFF, 0xD8, 0xFF, 0xE0))).isEqualTo(new FileKinds.Kind("image/jpeg", true));
    assertThat(FileKinds.of("x", "GIF89a......".getBytes(StandardCharsets.US_ASCII))).isEqualTo(new FileKinds.Kind("image/gif", true));
    assertThat(FileKinds.of("x", "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII))).isEqualTo(new FileKinds.Kind("image/webp", true));
    assertThat(FileKinds.of("x.png", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII)).contentType()).isEqualTo("application/pdf");
  }

  @Test
  void documentsByTheirName_onlyWhenTheBytesFit_elseJustBytes() {
    assertThat(FileKinds.of("a.CSV", "a,b\n1,2".getBytes(StandardCharsets.UTF_8)).contentType()).isEqualTo("text/csv");
    assertThat(FileKinds.of("a.txt", bytes(0xC3, 0x28)).contentType()).as("not UTF-8").isEqualTo(FileKinds.OCTET_STREAM);
    assertThat(FileKinds.of("a.docx", "PK\3\4rest".getBytes(StandardCharsets.ISO_8859_1)).contentType()).endsWith("wordprocessingml.document");
    assertThat(FileKinds.of("a.docx", "<html>".getBytes(StandardCharsets.UTF_8)).contentType()).isEqualTo(FileKinds.OCTET_STREAM);
    assertThat(FileKinds.of("page.html", "<html><script>".getBytes(StandardCharsets.UTF_8)))
        .as("never served as a page").isEqualTo(new FileKinds.Kind(FileKinds.OCTET_STREAM, false));
    assertThat(FileKinds.of("draw.svg", "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8)).contentType()).isEqualTo(FileKinds.OCTET_STREAM);
  }

  @Test
  void anImageClaimingBillionsOfPixels_isKept_butNeverDecoded() {
    // a PNG header saying 100000 x 100000, and nothing after it: decoding would need 40 GB
    byte[] png = bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0, 8, 2, 0, 0, 0,
        0, 0, 0, 0);
    Thumbnails.Image image = Thumbnails.of(png, "image/png");
    assertThat(image).isNotNull();
    assertThat(image.width()).isEqualTo(100_000);
    assertThat(image.bytes()).as("no thumbnail made").isNull();
  }

  @Test
  void aLightGif_movesInTimelinesAsItIs_aHeavyOne_showsItsFirstFrame() throws Exception {
    byte[] light = gif(300, 200, false);
    assertThat(light.length).isLessThanOrEqualTo(Thumbnails.GIF_AS_IT_IS_BYTES);
    Thumbnails.Image moving = Thumbnails.of(light, "image/gif");
    assertThat(moving.width()).isEqualTo(300);
    assertThat(moving.bytes()).as("its own thumbnail").isNull();
    assertThat(moving.small()).isNull();

    byte[] heavy = gif(1100, 1000, true);
    assertThat(heavy.length).as("noise packs badly").isGreaterThan(Thumbnails.GIF_AS_IT_IS_BYTES);
    Thumbnails.Image still = Thumbnails.of(heavy, "image/gif");
    java.awt.image.BufferedImage frame = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(still.bytes()));
    assertThat(frame.getWidth()).isEqualTo(640);
    assertThat(still.bytes().length).isLessThan(heavy.length / 2);
    assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(still.small())).getWidth()).isEqualTo(128);
  }

  /** A GIF of a flat colour (packs well) or of noise (packs badly). */
  private static byte[] gif(int width, int height, boolean noise) throws Exception {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_BYTE_INDEXED);
    java.util.Random random = new java.util.Random(3);
    for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) image.getRaster().setSample(x, y, 0, noise ? random.nextInt(256) : 17);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "gif", out);
    return out.toByteArray();
  }
}
