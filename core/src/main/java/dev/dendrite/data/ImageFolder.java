package dev.dendrite.data;

import dev.dendrite.kernels.Parallel;
import dev.dendrite.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A folder of PNG or JPEG images with one sub-folder per class, as torchvision's {@code
 * ImageFolder}: {@code dir/cat/1.png, dir/dog/7.jpg, ...}. Classes are the sub-folder names in
 * sorted order; files within a class are read in sorted order, so the rows come out the same on
 * every run.
 *
 * <p>Shapes: features (N, C, H, W), C = 1 (grayscale, luma 0.299·R + 0.587·G + 0.114·B as PIL's
 * {@code convert('L')}) or 3 (RGB), pixel values in [0, 1]. An image of another size is resized
 * bilinearly to H × W ({@link #resize}). Normalise with {@link ChannelNormalizer}.
 *
 * <p>Each file's header is read before its pixels: a file over {@value #MAX_FILE_BYTES} bytes, or
 * one that declares more than {@value #MAX_SIDE} pixels a side or {@value #MAX_PIXELS} pixels in
 * all, is rejected before anything of that size is allocated, whatever the header claims.
 */
public final class ImageFolder {
  public static final long MAX_FILE_BYTES = 1L << 28;
  public static final int MAX_SIDE = 16384;
  public static final long MAX_PIXELS = 1L << 25;

  private ImageFolder() {}

  /** Reads every image, resized to the size of the first one. */
  public static Labeled read(Path dir, boolean rgb) throws IOException {
    return read(dir, rgb, 0, 0);
  }

  /** Reads every image, resized to height × width (0 × 0: the size of the first image). */
  public static Labeled read(Path dir, boolean rgb, int height, int width) throws IOException {
    if (height < 0
        || width < 0
        || (height == 0) != (width == 0)
        || height > MAX_SIDE
        || width > MAX_SIDE) {
      throw new IllegalArgumentException(
          "image folder: size must be two numbers in [1, "
              + MAX_SIDE
              + "] (or both 0), got "
              + height
              + "×"
              + width);
    }
    if (!Files.isDirectory(dir)) throw new IOException(dir + ": not a folder");
    List<Path> classDirs;
    try (Stream<Path> s = Files.list(dir)) {
      classDirs = s.filter(Files::isDirectory).sorted().toList();
    }
    if (classDirs.isEmpty())
      throw new IOException(dir + ": no class sub-folders (expected DIR/CLASS/image.png)");
    List<String> classes = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (Path c : classDirs) {
      List<Path> images;
      try (Stream<Path> s = Files.list(c)) {
        images = s.filter(p -> Files.isRegularFile(p) && isImage(p)).sorted().toList();
      }
      if (images.isEmpty())
        throw new IOException(c + ": no .png, .jpg or .jpeg files in this class folder");
      for (Path p : images) {
        files.add(p);
        labels.add(classes.size());
      }
      classes.add(c.getFileName().toString());
    }
    int ch = rgb ? 3 : 1;
    if (height == 0) {
      int[] size = dimensions(files.get(0));
      height = Math.min(size[0], MAX_SIDE);
      width = Math.min(size[1], MAX_SIDE);
    }
    int n = files.size(), plane = ch * height * width;
    if ((long) n * plane > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "image folder "
              + dir
              + ": "
              + n
              + " images of "
              + ch
              + "×"
              + height
              + "×"
              + width
              + " need "
              + (long) n * plane
              + " floats, more than one array holds; choose a smaller size");
    }
    float[] x = new float[n * plane];
    int fh = height, fw = width;
    try {
      Parallel.forEach(
          n,
          i -> {
            try {
              decodeInto(files.get(i), rgb, x, i * plane, fh, fw);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
    return new Labeled(Tensor.wrap(x, n, ch, height, width), y, classes);
  }

  private static boolean isImage(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
  }

  /** (height, width) from the file's header, checked against the limits; no pixels are decoded. */
  static int[] dimensions(Path file) throws IOException {
    try (ImageInputStream in = open(file)) {
      ImageReader r = reader(file, in);
      try {
        return checked(file, r.getHeight(0), r.getWidth(0));
      } finally {
        r.dispose();
      }
    }
  }

  /** Decodes one image: header first, limits checked, then the pixels. */
  static BufferedImage decode(Path file) throws IOException {
    try (ImageInputStream in = open(file)) {
      ImageReader r = reader(file, in);
      try {
        checked(file, r.getHeight(0), r.getWidth(0));
        return r.read(0);
      } catch (IOException | RuntimeException e) {
        // Decoders throw IIOException, but also IndexOutOfBounds or NegativeArraySize on a corrupt
        // stream.
        throw new IOException(file + ": cannot decode the image (" + e.getMessage() + ")", e);
      } finally {
        r.dispose();
      }
    }
  }

  private static ImageInputStream open(Path file) throws IOException {
    long bytes = Files.size(file);
    if (bytes > MAX_FILE_BYTES)
      throw new IOException(
          file
              + ": "
              + bytes
              + " bytes, larger than the limit of "
              + MAX_FILE_BYTES
              + " for one image");
    ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
    if (in == null) throw new IOException(file + ": cannot be opened as an image");
    return in;
  }

  private static ImageReader reader(Path file, ImageInputStream in) throws IOException {
    Iterator<ImageReader> it = ImageIO.getImageReaders(in);
    if (!it.hasNext())
      throw new IOException(file + ": not a PNG or JPEG image (no decoder recognises its content)");
    ImageReader r = it.next();
    r.setInput(in, true, true);
    return r;
  }

  private static int[] checked(Path file, int h, int w) throws IOException {
    if (h < 1 || w < 1 || h > MAX_SIDE || w > MAX_SIDE || (long) h * w > MAX_PIXELS) {
      throw new IOException(
          file
              + ": declares "
              + w
              + "×"
              + h
              + " pixels, beyond the limit of "
              + MAX_SIDE
              + " a side and "
              + MAX_PIXELS
              + " in all");
    }
    return new int[] {h, w};
  }

  private static void decodeInto(
      Path file, boolean rgb, float[] out, int off, int height, int width) throws IOException {
    BufferedImage img = decode(file);
    int h = img.getHeight(), w = img.getWidth(), c = rgb ? 3 : 1;
    float[] px = pixels(img, rgb);
    if (h == height && w == width) System.arraycopy(px, 0, out, off, px.length);
    else resize(px, c, h, w, out, off, height, width);
  }

  /**
   * The image as C planes of H × W values in [0, 1]. A grayscale image's samples are read as they
   * are stored: converting it through sRGB ({@code getRGB}) would brighten them, since Java treats
   * its gray colour space as linear.
   */
  static float[] pixels(BufferedImage img, boolean rgb) {
    int h = img.getHeight(), w = img.getWidth(), plane = h * w;
    float[] px = new float[(rgb ? 3 : 1) * plane];
    ColorModel cm = img.getColorModel();
    if (!(cm instanceof IndexColorModel)
        && cm.getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY) {
      int[] s = img.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
      float max = (1 << cm.getComponentSize(0)) - 1;
      for (int i = 0; i < plane; i++) px[i] = s[i] / max;
      if (rgb) {
        System.arraycopy(px, 0, px, plane, plane);
        System.arraycopy(px, 0, px, 2 * plane, plane);
      }
      return px;
    }
    int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < plane; i++) {
      float r = (argb[i] >> 16 & 0xFF) / 255f,
          g = (argb[i] >> 8 & 0xFF) / 255f,
          b = (argb[i] & 0xFF) / 255f;
      if (rgb) {
        px[i] = r;
        px[plane + i] = g;
        px[2 * plane + i] = b;
      } else {
        px[i] = 0.299f * r + 0.587f * g + 0.114f * b;
      }
    }
    return px;
  }

  /**
   * Bilinear resize of C planes h × w into {@code dst[off ..]} as C planes oh × ow, as PyTorch's
   * {@code F.interpolate(mode='bilinear', align_corners=False)} (no antialiasing): output pixel i
   * reads the source at (i + ½)·(in / out) − ½, clamped at 0, between its two neighbours.
   */
  public static void resize(
      float[] src, int c, int h, int w, float[] dst, int off, int oh, int ow) {
    int[] y0 = new int[oh], y1 = new int[oh], x0 = new int[ow], x1 = new int[ow];
    float[] ly = new float[oh], lx = new float[ow];
    taps(h, oh, y0, y1, ly);
    taps(w, ow, x0, x1, lx);
    for (int ch = 0; ch < c; ch++) {
      int s = ch * h * w, d = off + ch * oh * ow;
      for (int i = 0; i < oh; i++) {
        int r0 = s + y0[i] * w, r1 = s + y1[i] * w;
        float b = ly[i], a = 1 - b;
        for (int j = 0; j < ow; j++) {
          float q = lx[j], p = 1 - q;
          dst[d + i * ow + j] =
              a * (p * src[r0 + x0[j]] + q * src[r0 + x1[j]])
                  + b * (p * src[r1 + x0[j]] + q * src[r1 + x1[j]]);
        }
      }
    }
  }

  private static void taps(int in, int out, int[] i0, int[] i1, float[] frac) {
    float scale = (float) in / out;
    for (int i = 0; i < out; i++) {
      float src = Math.max(0, scale * (i + 0.5f) - 0.5f);
      i0[i] = Math.min((int) src, in - 1);
      i1[i] = Math.min(i0[i] + 1, in - 1);
      frac[i] = src - (int) src;
    }
  }
}
