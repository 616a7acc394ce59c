package dev.lamgraph.nodes.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Small real images and documents for attachment tests, made in memory. */
public final class TestFiles {
  private TestFiles() {}

  /** A PNG of {@code w} x {@code h} pixels filled with {@code rgb}. */
  public static byte[] png(int w, int h, int rgb) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(rgb));
    g.fillRect(0, 0, w, h);
    g.dispose();
    return encode(img, "png");
  }

  public static byte[] jpeg(int w, int h) {
    return encode(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "jpeg");
  }

  /** A minimal one-page PDF (header, catalog, page, trailer). */
  public static byte[] pdf() {
    String s = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] encode(BufferedImage img, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no " + format + " writer");
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
