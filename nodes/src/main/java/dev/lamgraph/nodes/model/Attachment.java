package dev.lamgraph.nodes.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An image or document sent next to a user message's text (a node's {@code attachments:}): its
 * MIME type (detected from its bytes), its bytes and where it came from (for messages). Providers
 * receive it in their own wire format (OpenAI {@code image_url} data URIs and {@code file} parts,
 * Anthropic base64 image and document sources, Gemini inline data, Ollama {@code images}); replay
 * files keep only its {@link #sha256()}, never its bytes.
 *
 * <pre>{@code
 * Attachment a = new Attachment("image/png", Files.readAllBytes(scan), "scans/invoice.png");
 * ModelMessage.user("What is the total?", List.of(a));
 * }</pre>
 *
 * @param mimeType {@code image/png}, {@code image/jpeg}, {@code image/gif}, {@code image/webp} or {@code application/pdf}
 * @param source where the bytes came from: a path under the root, a URL, or {@code base64} (no secrets)
 */
public record Attachment(String mimeType, byte[] data, String source) {
  /** The kind of input a model must accept to read an attachment: {@code image} or {@code pdf}. */
  public static final String IMAGE = "image";
  /** See {@link #IMAGE}. */
  public static final String PDF = "pdf";

  public Attachment {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** {@code image} or {@code pdf}. */
  public String kind() {
    return kindOf(mimeType);
  }

  /** The input kind of a MIME type: {@code image} for image/*, else {@code pdf}. */
  public static String kindOf(String mimeType) {
    return mimeType.startsWith("image/") ? IMAGE : PDF;
  }

  public int size() {
    return data.length;
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(data);
  }

  /** {@code sha256:HEX} of the bytes: how replay keys and traces name the attachment. */
  public String sha256() {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attachment a && a.mimeType.equals(mimeType) && java.util.Arrays.equals(a.data, data)
        && java.util.Objects.equals(a.source, source);
  }

  @Override
  public int hashCode() {
    return mimeType.hashCode() * 31 + java.util.Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Attachment[" + mimeType + ", " + data.length + " bytes, " + source + "]";
  }
}
