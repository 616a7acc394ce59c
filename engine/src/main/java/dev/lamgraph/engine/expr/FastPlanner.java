package dev.lamgraph.engine.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Turns a type-checked CEL expression into a tree of {@link FastNode}s, once, at compile time;
 * returns null when the expression leaves the supported subset: constants, variables, field
 * selection and {@code has()} on maps, indexing, list and map literals, the arithmetic,
 * comparison and logical operators, {@code in}, the ternary, {@code size()}, {@code string()},
 * {@code int()} and {@code double()} on the overloads of {@link FastOps}. {@code state} and channels typed by an output
 * shape are structs to the checker but maps at run time, so their fields are map reads.
 * Comprehensions (which carry the iteration budget), extension functions, other structs, uint,
 * bytes, timestamps and durations stay on cel-java.
 */
final class FastPlanner {
  /** The prefix of the struct types a {@link CelEnv} declares: {@code state} and the output shapes (maps at run time). */
  private static final String OWN_STRUCTS = ShapeTypes.PREFIX;
  private static final Set<CelKind> KINDS =
      Set.of(CelKind.DYN, CelKind.NULL_TYPE, CelKind.BOOL, CelKind.INT, CelKind.DOUBLE, CelKind.STRING, CelKind.LIST, CelKind.MAP);

  private final CelAbstractSyntaxTree ast;
  private final Collection<String> vars;

  private FastPlanner(CelAbstractSyntaxTree ast, Collection<String> vars) {
    this.ast = ast;
    this.vars = vars;
  }

  /** The fast evaluator of {@code ast} (whose variables are {@code vars}), or null when it has none. */
  static FastNode plan(CelAbstractSyntaxTree ast, Collection<String> vars) {
    if (!ast.isChecked()) return null;
    try {
      return new FastPlanner(ast, vars).node(ast.getExpr());
    } catch (Unsupported | RuntimeException e) {
      return null;
    }
  }

  /** Control flow of the planner: the expression is outside the subset. */
  private static final class Unsupported extends Exception {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  private FastNode node(CelExpr e) throws Unsupported {
    CelType t = ast.getType(e.id()).orElseThrow(Unsupported::new);
    if (!KINDS.contains(t.kind()) && !(t.kind() == CelKind.STRUCT && t.name().startsWith(OWN_STRUCTS))) throw new Unsupported();
    return switch (e.getKind()) {
      case CONSTANT -> constant(e.constant());
      case IDENT -> ident(e);
      case SELECT -> select(e.select());
      case CALL -> call(e);
      case LIST -> list(e.list());
      case MAP -> map(e.map());
      default -> throw new Unsupported();
    };
  }

  private static FastNode constant(CelConstant c) throws Unsupported {
    return new FastNodes.Const(switch (c.getKind()) {
      case NULL_VALUE -> null;
      case BOOLEAN_VALUE -> c.booleanValue();
      case INT64_VALUE -> c.int64Value();
      case DOUBLE_VALUE -> c.doubleValue();
      case STRING_VALUE -> c.stringValue();
      default -> throw new Unsupported();
    });
  }

  private FastNode ident(CelExpr e) throws Unsupported {
    CelReference r = ast.getReference(e.id()).orElse(null);
    if (r != null && r.value().isPresent()) throw new Unsupported();
    String name = r == null || r.name().isEmpty() ? e.ident().name() : r.name();
    if (!name.equals(e.ident().name()) || !vars.contains(name)) throw new Unsupported();
    return new FastNodes.Var(name);
  }

  private FastNode select(CelExpr.CelSelect s) throws Unsupported {
    FastNode operand = node(s.operand());
    CelKind k = ast.getType(s.operand().id()).orElseThrow(Unsupported::new).kind();
    if (k != CelKind.MAP && k != CelKind.DYN && k != CelKind.STRUCT) throw new Unsupported();
    return s.testOnly() ? new FastNodes.Has(operand, s.field()) : new FastNodes.Select(operand, s.field());
  }

  private FastNode list(CelExpr.CelList l) throws Unsupported {
    if (!l.optionalIndices().isEmpty()) throw new Unsupported();
    FastNode[] out = new FastNode[l.elements().size()];
    for (int i = 0; i < out.length; i++) out[i] = node(l.elements().get(i));
    return new FastNodes.ListLit(out);
  }

  private FastNode map(CelExpr.CelMap m) throws Unsupported {
    int n = m.entries().size();
    FastNode[] keys = new FastNode[n];
    FastNode[] values = new FastNode[n];
    for (int i = 0; i < n; i++) {
      CelExpr.CelMap.Entry en = m.entries().get(i);
      if (en.optionalEntry()) throw new Unsupported();
      keys[i] = node(en.key());
      values[i] = node(en.value());
    }
    return new FastNodes.MapLit(keys, values);
  }

  private FastNode call(CelExpr e) throws Unsupported {
    CelExpr.CelCall c = e.call();
    List<CelExpr> args = new ArrayList<>();
    c.target().ifPresent(args::add);
    args.addAll(c.args());
    List<String> ids = ast.getReference(e.id()).orElseThrow(Unsupported::new).overloadIds();
    if (ids.isEmpty()) throw new Unsupported();
    List<FastNode> a = new ArrayList<>(args.size());
    for (CelExpr x : args) a.add(node(x));
    if (ids.size() == 1) {
      switch (ids.get(0)) {
        case "logical_and": return new FastNodes.And(a.get(0), a.get(1));
        case "logical_or": return new FastNodes.Or(a.get(0), a.get(1));
        case "conditional": return new FastNodes.Cond(a.get(0), a.get(1), a.get(2));
        case "equals": return new FastNodes.Equals(a.get(0), a.get(1), false);
        case "not_equals": return new FastNodes.Equals(a.get(0), a.get(1), true);
        default: break;
      }
    }
    if (a.size() == 1) {
      List<FastOps.Unary> fns = new ArrayList<>();
      for (String id : ids) if (FastOps.UNARY.containsKey(id)) fns.add(FastOps.UNARY.get(id));
      if (fns.isEmpty()) throw new Unsupported();
      return new FastNodes.Call1(fns.toArray(FastOps.Unary[]::new), a.get(0));
    }
    if (a.size() == 2) {
      List<FastOps.Binary> fns = new ArrayList<>();
      for (String id : ids) if (FastOps.BINARY.containsKey(id)) fns.add(FastOps.BINARY.get(id));
      if (fns.isEmpty()) throw new Unsupported();
      return new FastNodes.Call2(fns.toArray(FastOps.Binary[]::new), a.get(0), a.get(1));
    }
    throw new Unsupported();
  }
}
