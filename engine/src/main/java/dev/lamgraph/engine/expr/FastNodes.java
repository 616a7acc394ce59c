package dev.lamgraph.engine.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The node kinds of the fast evaluator (see {@link FastNode}); {@link FastPlanner} assembles them. */
final class FastNodes {
  private FastNodes() {}

  /** A literal (Long, Double, String, Boolean or null). */
  record Const(Object value) implements FastNode {
    @Override
    public Object eval(Map<String, ?> vars) {
      return value;
    }
  }

  /** A variable ({@code state}, {@code input}, {@code item}...); unbound falls back. */
  record Var(String name) implements FastNode {
    @Override
    public Object eval(Map<String, ?> vars) {
      Object v = vars.get(name);
      if (v == null && !vars.containsKey(name)) throw Fallback.SIGNAL;
      if (v instanceof CelView.MapView m) return m.raw();
      if (v instanceof CelView.ListView l) return l.raw();
      return FastNode.json(v);
    }
  }

  /** {@code operand.field} on a map: a missing key or a non-map operand falls back. */
  record Select(FastNode operand, String field) implements FastNode {
    @Override
    public Object eval(Map<String, ?> vars) {
      if (!(operand.eval(vars) instanceof Map<?, ?> m)) throw Fallback.SIGNAL;
      Object v = m.get(field);
      if (v == null && !m.containsKey(field)) throw Fallback.SIGNAL;
      return FastNode.json(v);
    }
  }

  /** {@code has(operand.field)} on a map. */
  record Has(FastNode operand, String field) implements FastNode {
    @Override
    public Object eval(Map<String, ?> vars) {
      if (!(operand.eval(vars) instanceof Map<?, ?> m)) throw Fallback.SIGNAL;
      return m.containsKey(field);
    }
  }

  /** A one-argument call with its candidate overloads, tried in order. */
  record Call1(FastOps.Unary[] fns, FastNode arg) implements FastNode {
    @Override
    public Object eval(Map<String, ?> vars) {
      Object x = arg.eval(vars);
      for (FastOps.Unary f : fns) {
        Object r = f.apply(x);
        if (r != FastOps.NO) return r;
      }
      throw Fallback.SIGNAL;
    }
  }

  /** A two-argument call (operator or index) with its candidate overloads, tried in order. */
  record Call2(FastOps.Binary[] fns, FastNode left, FastNode right) implements FastNode {
    @Override
    public Object eval(Map<String, ?> vars) {
      Object x = left.eval(vars);
      Object y = right.eval(vars);
      for (FastOps.Binary f : fns) {
        Object r = f.apply(x, y);
        if (r != FastOps.NO) return r;
      }
      throw Fallback.SIGNAL;
    }
  }

  /** {@code a && b}: short-circuits on a false left side; anything but booleans falls back. */
  record And(FastNode left, FastNode right) implements FastNode {
    @Override
    public Object eval(Map<String, ?> vars) {
      return FastNode.bool(left.eval(vars)) ? FastNode.bool(right.eval(vars)) : Boolean.FALSE;
    }
  }

  /** {@code a || b}: short-circuits on a true left side; anything but booleans falls back. */
  record Or(FastNode left, FastNode right) implements FastNode {
    @Override
    public Object eval(Map<String, ?> vars) {
      return FastNode.bool(left.eval(vars)) ? Boolean.TRUE : FastNode.bool(right.eval(vars));
    }
  }

  /** {@code c ? a : b}: only the chosen branch is evaluated. */
  record Cond(FastNode cond, FastNode then, FastNode otherwise) implements FastNode {
    @Override
    public Object eval(Map<String, ?> vars) {
      return FastNode.bool(cond.eval(vars)) ? then.eval(vars) : otherwise.eval(vars);
    }
  }

  /**
   * {@code ==} / {@code !=} between two values of the same simple class, or null and null or a
   * simple value (a Long, String, Boolean or Double is never null); every other pairing (numbers of two types, lists, maps) and NaN are left to cel-java.
   */
  record Equals(FastNode left, FastNode right, boolean negate) implements FastNode {
    @Override
    public Object eval(Map<String, ?> vars) {
      return FastOps.equal(left.eval(vars), right.eval(vars)) != negate;
    }
  }

  /** A list literal; the result is a fresh list. */
  record ListLit(FastNode[] elements) implements FastNode {
    @Override
    public Object eval(Map<String, ?> vars) {
      List<Object> out = new ArrayList<>(elements.length);
      for (FastNode e : elements) out.add(e.eval(vars));
      return out;
    }
  }

  /** A map literal with string keys; other keys and duplicate keys fall back. */
  record MapLit(FastNode[] keys, FastNode[] values) implements FastNode {
    @Override
    public Object eval(Map<String, ?> vars) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < keys.length; i++) {
        if (!(keys[i].eval(vars) instanceof String k) || out.containsKey(k)) throw Fallback.SIGNAL;
        out.put(k, values[i].eval(vars));
      }
      return out;
    }
  }
}
