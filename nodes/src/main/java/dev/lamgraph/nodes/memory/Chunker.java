package dev.lamgraph.nodes.memory;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentByParagraphSplitter;
import dev.langchain4j.data.document.splitter.DocumentBySentenceSplitter;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits document sections into chunks with langchain4j's splitters: {@code paragraph} (paragraphs
 * packed up to the size, long ones split by sentence) or {@code sentence}; sizes and overlap in
 * tokens of the embedding model's own (BERT word-piece) tokenizer. Each chunk keeps the section's
 * page and heading and its character offsets in the file's extracted text.
 *
 * <pre>{@code
 * List<Chunker.Chunk> chunks = new Chunker("paragraph", 200, 20).split(sections);
 * }</pre>
 */
final class Chunker {
  private static volatile TokenCountEstimator tokens;

  private final DocumentSplitter splitter;

  /** One chunk: its text, offsets {@code [start, end)} in the file's (PDF: page's) extracted text, page and heading. */
  record Chunk(String text, int start, int end, Integer page, String heading) {}

  Chunker(String by, int maxTokens, int overlapTokens) {
    this.splitter = by.equals("sentence") ? new DocumentBySentenceSplitter(maxTokens, overlapTokens, tokens())
        : new DocumentByParagraphSplitter(maxTokens, overlapTokens, tokens());
  }

  /** The tokenizer of all-MiniLM-L6-v2 (loaded once, on first use). */
  static TokenCountEstimator tokens() {
    TokenCountEstimator t = tokens;
    if (t == null) {
      synchronized (Chunker.class) {
        if (tokens == null) tokens = new HuggingFaceTokenCountEstimator();
        t = tokens;
      }
    }
    return t;
  }

  List<Chunk> split(List<DocumentParser.Section> sections) {
    List<Chunk> out = new ArrayList<>();
    for (DocumentParser.Section s : sections) {
      int from = 0;
      for (TextSegment seg : splitter.split(Document.from(s.text()))) {
        String t = seg.text();
        if (t.isBlank()) continue;
        int at = locate(s.text(), t, from);
        int start = at < 0 ? -1 : s.offset() + at;
        int end = at < 0 ? -1 : s.offset() + end(s.text(), t, at);
        if (at >= 0) from = at + 1;
        out.add(new Chunk(t, start, end, s.page(), s.heading()));
      }
    }
    return out;
  }

  /** Where a segment found at {@code at} ends in its section (by its last words when the whitespace differs). */
  private static int end(String section, String seg, int at) {
    if (section.startsWith(seg, at)) return at + seg.length();
    String tail = seg.substring(Math.max(0, seg.length() - 40));
    int nl = tail.lastIndexOf('\n');
    if (nl >= 0 && nl < tail.length() - 8) tail = tail.substring(nl + 1);
    int t = section.indexOf(tail, at);
    return t < 0 ? Math.min(section.length(), at + seg.length()) : t + tail.length();
  }

  /** Where a segment starts in its section (splitters may rejoin parts with other whitespace: then by its first words). */
  private static int locate(String section, String seg, int from) {
    int at = section.indexOf(seg, Math.min(from, section.length()));
    if (at < 0) at = section.indexOf(seg);
    if (at >= 0) return at;
    String head = seg.substring(0, Math.min(seg.length(), 40));
    int nl = head.indexOf('\n');
    if (nl > 8) head = head.substring(0, nl);
    at = section.indexOf(head, Math.min(from, section.length()));
    return at >= 0 ? at : section.indexOf(head);
  }
}
