package dev.lamgraph.nodes.memory;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/** all-MiniLM-L6-v2 through langchain4j's ONNX runtime; the model loads on the first embed. */
final class MiniLmEmbedder implements Embedder {
  static final MiniLmEmbedder INSTANCE = new MiniLmEmbedder();
  private volatile EmbeddingModel model;

  private MiniLmEmbedder() {}

  @Override
  public String name() {
    return "all-minilm-l6-v2";
  }

  @Override
  public int dimensions() {
    return 384;
  }

  @Override
  public float[] embed(String text) {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        if (model == null) model = new AllMiniLmL6V2EmbeddingModel();
        m = model;
      }
    }
    return m.embed(text).content().vector();
  }
}
