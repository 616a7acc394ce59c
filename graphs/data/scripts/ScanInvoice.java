import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws the "scanned" invoice of the invoice-scan-llm example (a grey page with typed lines, a
 * little skew-free noise), as a small grayscale PNG: java ScanInvoice.java OUT.png
 */
public class ScanInvoice {
  public static void main(String[] args) throws Exception {
    String[] lines = {
        "UMBRELLA OFFICE SUPPLY CO.", "12 Raccoon Street, Arklay",
        "", "INVOICE  UOS-5521", "Date: 2026-11-24      Due: 2027-01-08", "Currency: EUR",
        "", "Ergonomic chairs, 3 pcs ............ 897.00", "Standing desk ...................... 540.00",
        "Assembly ............................ 60.00", "", "TOTAL ............................. 1497.00"};
    BufferedImage img = new BufferedImage(440, 300, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(236, 236, 236));
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    java.util.Random noise = new java.util.Random(5521);
    for (int i = 0; i < 900; i++) {
      int v = 190 + noise.nextInt(40);
      g.setColor(new Color(v, v, v));
      g.fillRect(noise.nextInt(img.getWidth()), noise.nextInt(img.getHeight()), 1, 1);
    }
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(40, 40, 40));
    int y = 30;
    for (int i = 0; i < lines.length; i++) {
      g.setFont(new Font(Font.MONOSPACED, i == 0 || i == 3 || i == lines.length - 1 ? Font.BOLD : Font.PLAIN, 14));
      g.drawString(lines[i], 24, y);
      y += 21;
    }
    g.dispose();
    ImageIO.write(img, "png", new File(args[0]));
  }
}
