package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.expr.Expr;
import java.util.List;

/** Where a node leads: static targets, or branches tried in order then an else target. */
public sealed interface Route {
  /** {@code { from: a, to: b }} or {@code to: [b, c]} (fan-out). */
  record Static(List<String> targets) implements Route {}

  /** {@code when: [{ if: cond, to: x }...], else: y}; {@code elseTarget} may be null (then: nowhere). */
  record Conditional(List<Branch> branches, String elseTarget) implements Route {}

  /** One {@code if}/{@code to} pair. */
  record Branch(Expr condition, String target) {}
}
