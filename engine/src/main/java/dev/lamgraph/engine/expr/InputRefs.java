package dev.lamgraph.engine.expr;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which input keys a workflow's expressions read: {@code input.KEY}, {@code has(input.KEY)} and
 * {@code input["KEY"]} name a key; any other use of {@code input} (passed whole, indexed by a
 * computed key, {@code "k" in input}) makes the set {@link #open()}: then any key may be read.
 * Filled as a {@link CelEnv} (and its {@code withVars} copies) compiles.
 *
 * <pre>{@code
 * CelEnv env = CelEnv.of(channels);
 * env.compile("int(input.max_retries) > 2");
 * env.inputRefs().keys();   // [max_retries]
 * }</pre>
 */
public final class InputRefs {
  private final Set<String> keys = Collections.synchronizedSet(new TreeSet<>());
  private volatile boolean open;

  InputRefs() {}

  /** The keys read by name, sorted. */
  public Set<String> keys() {
    synchronized (keys) {
      return Collections.unmodifiableSet(new TreeSet<>(keys));
    }
  }

  /** Whether some expression uses {@code input} other than by a constant key. */
  public boolean open() {
    return open;
  }

  /** Records the input keys {@code e} reads. */
  void record(CelExpr e) {
    switch (e.getKind()) {
      case IDENT -> open |= isInput(e);
      case SELECT -> {
        if (isInput(e.select().operand())) keys.add(e.select().field());
        else record(e.select().operand());
      }
      case CALL -> {
        var c = e.call();
        if (c.function().equals("_[_]") && c.args().size() == 2 && isInput(c.args().get(0))
            && c.args().get(1).getKind() == CelExpr.ExprKind.Kind.CONSTANT
            && c.args().get(1).constant().getKind() == CelConstant.Kind.STRING_VALUE) {
          keys.add(c.args().get(1).constant().stringValue());
          return;
        }
        c.target().ifPresent(this::record);
        c.args().forEach(this::record);
      }
      case LIST -> e.list().elements().forEach(this::record);
      case MAP -> e.map().entries().forEach(x -> {
        record(x.key());
        record(x.value());
      });
      case STRUCT -> e.struct().entries().forEach(x -> record(x.value()));
      case COMPREHENSION -> { // a loop variable named input hides it: counted as a use, so the set opens (safe side)
        var c = e.comprehension();
        record(c.iterRange());
        record(c.accuInit());
        record(c.loopCondition());
        record(c.loopStep());
        record(c.result());
      }
      default -> { }
    }
  }

  private static boolean isInput(CelExpr e) {
    return e.getKind() == CelExpr.ExprKind.Kind.IDENT && e.ident().name().equals("input");
  }
}
