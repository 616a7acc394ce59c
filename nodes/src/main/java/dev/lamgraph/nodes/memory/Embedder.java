package dev.lamgraph.nodes.memory;

/**
 * Turns text into a vector. The default is the local all-MiniLM-L6-v2 model (384 dimensions,
 * offline ONNX), loaded on first use only, so workflows without memory nodes never pay for it.
 */
public interface Embedder {
  String name();

  int dimensions();

  float[] embed(String text);

  /** Embeds several texts (the local model batches them). */
  default java.util.List<float[]> embedAll(java.util.List<String> texts) {
    return texts.stream().map(this::embed).toList();
  }

  /** The process-wide local all-MiniLM-L6-v2 embedder (lazy). */
  static Embedder miniLm() {
    return MiniLmEmbedder.INSTANCE;
  }
}
