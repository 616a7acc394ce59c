package dev.lamgraph.nodes.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes small text PDFs with PDFBox (one page per entry, one line per paragraph line), for
 * document-ingestion tests and the example documents under graphs/data/handbook
 * ({@code main(out.pdf)} regenerates that file).
 */
public final class Pdfs {
  private Pdfs() {}

  public static void write(Path file, List<String> pages) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (String text : pages) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(font, 11);
          cs.setLeading(15);
          cs.newLineAtOffset(60, 720);
          for (String line : text.split("\n", -1)) {
            cs.showText(line);
            cs.newLine();
          }
          cs.endText();
        }
      }
      doc.getDocumentInformation().setTitle(file.getFileName().toString());
      doc.save(file.toFile());
    }
  }

  /** A one-page PDF holding only an image (a "scan"): no text layer, so PDFBox extracts nothing. */
  public static void writeImageOnly(Path file) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(40, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
      java.awt.Graphics2D g = img.createGraphics();
      g.fillRect(5, 5, 30, 10);
      g.dispose();
      org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject x = org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory.createFromImage(doc, img);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.drawImage(x, 60, 600, 400, 200);
      }
      doc.save(file.toFile());
    }
  }

  /** Regenerates graphs/data/handbook/travel-policy.pdf (the example's PDF). */
  public static void main(String[] args) throws IOException {
    write(Path.of(args.length > 0 ? args[0] : "graphs/data/handbook/travel-policy.pdf"), List.of(
        "Travel policy\n\nTrains are booked in second class for trips under four hours.\n"
            + "Flights need the approval of a team lead before booking.\n\n"
            + "Hotels are reimbursed up to 140 EUR per night in most cities.",
        "Expenses\n\nReceipts are uploaded within 30 days of the trip.\n"
            + "Meals abroad are covered by a daily allowance of 45 EUR.\n\n"
            + "Expenses without a receipt are not reimbursed."));
  }
}
