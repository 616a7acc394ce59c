package dev.lamgraph.nodes.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Types come from magic numbers: what each format starts with, and nothing for anything else. */
class MimeTypesTest {
  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void eachKnownFormatByItsFirstBytes() {
    assertThat(MimeTypes.detect(TestFiles.png(1, 1, 0))).contains("image/png");
    assertThat(MimeTypes.detect(TestFiles.jpeg(2, 2))).contains("image/jpeg");
    assertThat(MimeTypes.detect(ascii("GIF89a\u0001\u0000\u0001\u0000"))).contains("image/gif");
    assertThat(MimeTypes.detect(ascii("GIF87a...."))).contains("image/gif");
    assertThat(MimeTypes.detect(ascii("RIFF\u0024\u0000\u0000\u0000WEBPVP8 "))).contains("image/webp");
    assertThat(MimeTypes.detect(TestFiles.pdf())).contains("application/pdf");
  }

  @Test
  void lookalikesAndShortInputsAreNothing() {
    assertThat(MimeTypes.detect(new byte[0])).isEqualTo(Optional.empty());
    assertThat(MimeTypes.detect(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).isEmpty(); // a truncated signature
    assertThat(MimeTypes.detect(ascii("RIFF\u0024\u0000\u0000\u0000WAVEfmt "))).isEmpty(); // RIFF, but audio
    assertThat(MimeTypes.detect(ascii(" %PDF-1.4"))).isEmpty(); // not at the start
    assertThat(MimeTypes.detect(ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"))).isEmpty(); // SVG is script-capable text: refused
    assertThat(MimeTypes.head(ascii("<html>"))).isEqualTo("3c 68 74 6d 6c 3e");
    assertThat(MimeTypes.head(new byte[0])).isEqualTo("(empty)");
  }
}
