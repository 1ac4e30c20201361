package no.deling.files;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * An image's size, and a small copy of it for timelines, so a phone scrolling its home does not
 * fetch a 10 MB photo per post. The copy is drawn afresh (and turned upright), so it carries none
 * of the original's metadata. CPU-bound: call on a worker.
 */
public final class Thumbnails {
  private Thumbnails() {}

  /** The longest side of a thumbnail. */
  public static final int SIDE = 640;
  /** The longest side of the small copy, for a photo beside a name (shown at 28 to 96 pixels). */
  public static final int SMALL_SIDE = 128;
  /** A GIF up to this size moves in timelines; a heavier one shows its first frame until clicked. */
  public static final int GIF_AS_IT_IS_BYTES = 1 << 20;
  /** Larger images are kept and served, but not decoded here: a small file can claim a huge image. */
  static final long MAX_PIXELS = 50_000_000L;

  /**
   * @param bytes the thumbnail; null when the image is small enough to be its own, or could not be read
   * @param small the small copy; null when the image is small enough to be its own, or could not be read
   */
  public record Image(int width, int height, byte[] bytes, byte[] small) {}

  /** The image's size and thumbnail, or null when Java cannot read it (WebP, a broken file). */
  public static Image of(byte[] original, String contentType) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(original))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) return null;
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0) return null;
        // a phone stores a portrait photo lying down and says so in its Exif; browsers turn it upright,
        // so its size is given as shown and its copies are drawn turned
        int orientation = "image/jpeg".equals(contentType) ? ImageMetadata.orientation(original) : ImageMetadata.UPRIGHT;
        int shownWidth = ImageMetadata.turnsSideways(orientation) ? height : width;
        int shownHeight = ImageMetadata.turnsSideways(orientation) ? width : height;
        // a GIF is shown as it is (a thumbnail would stop it moving), unless it is too heavy for a
        // timeline on a phone: then its first frame stands in, and a click plays it; a small image needs none
        boolean movingAsItIs = "image/gif".equals(contentType) && original.length <= GIF_AS_IT_IS_BYTES;
        if (movingAsItIs || (long) width * height > MAX_PIXELS || Math.max(width, height) <= SMALL_SIDE) {
          return new Image(shownWidth, shownHeight, null, null);
        }
        ImageReadParam param = reader.getDefaultReadParam();
        // a heavy GIF gets a still thumbnail even when small: its first frame, at its own size at most
        boolean still = "image/gif".equals(contentType);
        int longest = Math.max(width, height) <= SIDE && !still ? SMALL_SIDE : Math.min(SIDE, Math.max(width, height));
        int step = Math.max(1, Math.max(width, height) / (longest * 2)); // decode at most twice the size needed
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage decoded = reader.read(0, param);
        boolean png = "image/png".equals(contentType);
        byte[] thumbnail = longest > SMALL_SIDE || still ? encode(turned(scaled(decoded, width, height, longest), orientation), png) : null;
        return new Image(shownWidth, shownHeight, thumbnail, encode(turned(scaled(decoded, width, height, SMALL_SIDE), orientation), png));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return null; // a file Java cannot decode is still stored and served; it only has no thumbnail
    }
  }

  private static BufferedImage scaled(BufferedImage source, int width, int height, int side) {
    double ratio = (double) side / Math.max(width, height);
    int w = Math.max(1, (int) Math.round(width * ratio));
    int h = Math.max(1, (int) Math.round(height * ratio));
    BufferedImage out = new BufferedImage(w, h, source.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * The image as shown for an Exif orientation: each stored pixel (x, y) of a w × h image lands
   * where the orientation's mirroring and quarter turns put it.
   */
  static BufferedImage turned(BufferedImage in, int orientation) {
    if (orientation <= ImageMetadata.UPRIGHT || orientation > 8) return in;
    int w = in.getWidth(), h = in.getHeight();
    boolean sideways = ImageMetadata.turnsSideways(orientation);
    BufferedImage out = new BufferedImage(sideways ? h : w, sideways ? w : h, in.getType());
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = in.getRGB(x, y);
        switch (orientation) {
          case 2 -> out.setRGB(w - 1 - x, y, rgb); // mirrored
          case 3 -> out.setRGB(w - 1 - x, h - 1 - y, rgb); // upside down
          case 4 -> out.setRGB(x, h - 1 - y, rgb); // mirrored upside down
          case 5 -> out.setRGB(y, x, rgb); // mirrored, a quarter turn anticlockwise
          case 6 -> out.setRGB(h - 1 - y, x, rgb); // a quarter turn clockwise
          case 7 -> out.setRGB(h - 1 - y, w - 1 - x, rgb); // mirrored, a quarter turn clockwise
          default -> out.setRGB(y, w - 1 - x, rgb); // 8: a quarter turn anticlockwise
        }
      }
    }
    return out;
  }

  /** A PNG keeps its transparency; everything else becomes a JPEG. */
  private static byte[] encode(BufferedImage image, boolean png) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    if (png || image.getColorModel().hasAlpha()) {
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.82f);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** The thumbnail's type: as {@link #encode} wrote it. */
  public static String typeOf(byte[] thumbnail) {
    return thumbnail.length > 3 && (thumbnail[0] & 0xFF) == 0x89 ? "image/png" : "image/jpeg";
  }
}
