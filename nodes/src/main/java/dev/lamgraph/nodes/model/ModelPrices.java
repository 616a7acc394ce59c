package dev.lamgraph.nodes.model;

import dev.lamgraph.engine.spec.YNode;
import java.util.Map;
import java.util.Optional;

/**
 * A model's configured prices ({@code prices: {input: 2.5, output: 10}}, US dollars per million
 * tokens) and the estimated cost of one call, written as {@code cost_usd} on its
 * {@code model_call} trace event. No prices, no cost: lamgraph keeps no price list of its own.
 */
record ModelPrices(double inputPerMillion, double outputPerMillion) {

  /** The prices under the model's {@code prices:} key, if any (the schema checks their shape). */
  static Optional<ModelPrices> of(ModelConfig config) {
    if (config.source() == null) return Optional.empty();
    return config.source().get("prices").map(YNode::plain).filter(Map.class::isInstance).map(Map.class::cast)
        .map(m -> new ModelPrices(num(m.get("input")), num(m.get("output"))));
  }

  /** The estimated cost in US dollars of a call that read {@code in} and wrote {@code out} tokens. */
  double cost(long in, long out) {
    return (in * inputPerMillion + out * outputPerMillion) / 1_000_000d;
  }

  private static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : 0d;
  }
}
