package dev.lamgraph.nodes.memory;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;

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
    return model().embed(text).content().vector();
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    if (texts.isEmpty()) return List.of();
    return model().embedAll(texts.stream().map(TextSegment::from).toList()).content().stream().map(Embedding::vector).toList();
  }

  private EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        if (model == null) model = new AllMiniLmL6V2EmbeddingModel();
        m = model;
      }
    }
    return m;
  }
}
