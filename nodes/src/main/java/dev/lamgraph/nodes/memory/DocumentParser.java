package dev.lamgraph.nodes.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Turns a file's bytes into sections of plain text with their metadata: a PDF gives one section
 * per page ({@code page} 1-based, text by PDFBox), Markdown and HTML one section per heading
 * ({@code heading}: the nearest heading above), plain text one section. Offsets of chunks are
 * later counted in the extracted text of the file (of the page, for a PDF).
 *
 * <pre>{@code
 * List<DocumentParser.Section> s = DocumentParser.parse("guide.md", bytes);
 * }</pre>
 */
final class DocumentParser {
  /** Extensions read, by document type. */
  static final Set<String> TYPES = Set.of("txt", "md", "html", "pdf");

  private DocumentParser() {}

  /** A part of a document: its text, base offset in the file's extracted text, page (PDF) and heading. */
  record Section(String text, int offset, Integer page, String heading) {}

  /** A file that cannot be read as its type (corrupt PDF, not UTF-8, encrypted). */
  static final class UnreadableException extends Exception {
    UnreadableException(String message) {
      super(message);
    }
  }

  /** The document type of a path by its extension ({@code txt md html pdf}), or null when not supported. */
  static String type(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    return switch (ext) {
      case "txt", "text" -> "txt";
      case "md", "markdown" -> "md";
      case "html", "htm" -> "html";
      case "pdf" -> "pdf";
      default -> null;
    };
  }

  static List<Section> parse(String path, byte[] bytes) throws UnreadableException {
    String type = type(path);
    if (type == null) throw new UnreadableException("not a supported document type (txt, md, html, pdf)");
    return switch (type) {
      case "pdf" -> pdf(bytes);
      case "html" -> html(utf8(bytes));
      case "md" -> markdown(utf8(bytes));
      default -> List.of(new Section(normalise(utf8(bytes)), 0, null, null));
    };
  }

  private static List<Section> pdf(byte[] bytes) throws UnreadableException {
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      if (doc.isEncrypted()) throw new UnreadableException("an encrypted PDF; encrypted files are not read");
      PDFTextStripper stripper = new PDFTextStripper();
      List<Section> out = new ArrayList<>();
      for (int p = 1; p <= doc.getNumberOfPages(); p++) {
        stripper.setStartPage(p);
        stripper.setEndPage(p);
        String text = normalise(stripper.getText(doc));
        if (!text.isBlank()) out.add(new Section(text, 0, p, null));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      throw new UnreadableException("not a readable PDF: " + m);
    }
  }

  private static List<Section> markdown(String text) {
    String t = normalise(text);
    List<Section> out = new ArrayList<>();
    String heading = null;
    int start = 0;
    int pos = 0;
    boolean fence = false;
    for (String line : t.split("\n", -1)) {
      if (line.startsWith("```") || line.startsWith("~~~")) fence = !fence;
      if (!fence && line.matches("^#{1,6}\\s+\\S.*")) {
        add(out, t.substring(start, pos), start, heading);
        heading = line.replaceFirst("^#{1,6}\\s+", "").replaceFirst("\\s+#+\\s*$", "").strip();
        start = pos;
      }
      pos += line.length() + 1;
    }
    add(out, t.substring(start, Math.min(pos, t.length())), start, heading);
    return out;
  }

  private static final Set<String> BLOCKS = Set.of("p", "li", "pre", "blockquote", "td", "th", "dt", "dd", "figcaption", "caption");

  /** Headings and the text blocks under them, outermost blocks only (a {@code p} inside an {@code li} is read once). */
  private static List<Section> html(String html) {
    Document doc = Jsoup.parse(html);
    List<Section> out = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    StringBuilder cur = new StringBuilder();
    String heading = null;
    int start = 0;
    for (Element e : doc.body().getAllElements()) {
      String tag = e.tagName();
      boolean isHeading = tag.matches("h[1-6]");
      if (!isHeading && !(BLOCKS.contains(tag) && e.parents().stream().noneMatch(p -> BLOCKS.contains(p.tagName())))) continue;
      String text = tag.equals("pre") ? e.wholeText().strip() : e.text().strip();
      if (text.isEmpty()) continue;
      if (isHeading) {
        add(out, cur.toString(), start, heading);
        start = all.length();
        cur.setLength(0);
        heading = text;
      }
      String block = text + "\n\n";
      cur.append(block);
      all.append(block);
    }
    add(out, cur.toString(), start, heading);
    return out;
  }

  private static void add(List<Section> out, String text, int offset, String heading) {
    if (!text.isBlank()) out.add(new Section(text, offset, null, heading));
  }

  private static String utf8(byte[] bytes) throws UnreadableException {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new UnreadableException("not UTF-8 text");
    }
  }

  /** Unix line ends, no trailing spaces, at most one blank line in a row: the text offsets count in. */
  static String normalise(String s) {
    String t = s.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[ \\t\\x0B\\f]+\n", "\n");
    return t.replaceAll("\n{3,}", "\n\n");
  }
}
