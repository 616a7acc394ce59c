package dev.lamgraph.cli;

import dev.lamgraph.cli.wfeval.Scorer;
import dev.lamgraph.cli.wfeval.Scorers;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.expr.CelEnv;
import dev.lamgraph.engine.expr.ExprException;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.nodes.model.Model;
import dev.lamgraph.nodes.model.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The {@code --scorer} options of {@code lam eval}, made into scorers (mistakes are usage errors, exit 2). */
final class EvalScorers {
  private EvalScorers() {}

  /**
   * @param g the workflow, to check the specs against (nothing is called on it)
   * @param fresh compiles the workflow again, for a judge's model at its first use
   * @param opened where graphs compiled for judges go, for the caller to close
   */
  static List<Scorer> parse(List<String> specs, CompiledGraph g, String output, Supplier<CompiledGraph> fresh,
      List<AutoCloseable> opened) {
    List<Scorer> out = new ArrayList<>();
    if (output != null && !g.channels().containsKey(output)) {
      throw CliException.usage("--output '" + output + "' is not a channel of " + g.name() + "; channels: " + String.join(", ", g.channels().keySet()));
    }
    for (String s : specs) {
      String kind = s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
      String arg = s.contains(":") ? s.substring(s.indexOf(':') + 1) : null;
      switch (kind) {
        case "exact" -> {
          if (output == null) throw CliException.usage("scorer exact compares --output CHANNEL with the reference; give --output");
          out.add(Scorers.exact());
        }
        case "cel" -> {
          try {
            var spec = g.spec();
            out.add(Scorers.cel(arg == null ? "" : arg, CelEnv.of(spec.state().values(), java.util.Map.of(), spec.limits().maxCelIterations())));
          } catch (ExprException e) {
            throw CliException.usage("scorer " + s + ": " + e.getMessage());
          }
        }
        case "trajectory", "path" -> {
          try {
            out.add(Scorers.sequence(kind, arg == null ? "exact" : arg));
          } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
          }
        }
        case "judge" -> out.add(judge(g, arg, output, fresh, opened));
        default -> throw CliException.usage("unknown scorer '" + s + "'; known: exact, cel:EXPR, trajectory[:MODE], path[:MODE], judge[:MODEL]");
      }
    }
    return out;
  }

  private static Scorer judge(CompiledGraph g, String name, String output, Supplier<CompiledGraph> fresh, List<AutoCloseable> opened) {
    if (output == null) throw CliException.usage("scorer judge grades --output CHANNEL; give --output");
    if (!(g.resources().get("models") instanceof Models models) || models.names().isEmpty()) {
      throw CliException.usage("scorer judge needs a model: " + g.name() + " has no models section");
    }
    String n = name != null ? name : models.names().contains("default") ? "default" : models.names().size() == 1
        ? models.names().iterator().next() : null;
    if (n == null || !models.names().contains(n)) {
      throw CliException.usage("scorer judge" + (name == null ? "" : ":" + name) + ": " + (n == null ? "say which model, e.g. judge:"
          + models.names().iterator().next() : "unknown model '" + n + "'") + "; declared: " + String.join(", ", models.names()));
    }
    Supplier<Model> model = new Supplier<>() {
      private Model m;

      @Override
      public synchronized Model get() {
        if (m == null) {
          CompiledGraph j = fresh.get();
          opened.add(j);
          Problems p = new Problems();
          m = ((Models) j.resources().get("models")).use(n, "the judge", Pos.UNKNOWN, p)
              .orElseThrow(() -> CliException.usage("scorer judge: " + p.list().get(0).message()));
        }
        return m;
      }
    };
    return Scorers.judge(n, model);
  }
}
