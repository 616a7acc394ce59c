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

/** The {@code --scorer} options of {@code lam eval}, made into scorers (mistakes are usage errors, exit 2). */
final class EvalScorers {
  private EvalScorers() {}

  static List<Scorer> parse(List<String> specs, CompiledGraph g, String output) {
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
        case "judge" -> out.add(judge(g, arg, output));
        default -> throw CliException.usage("unknown scorer '" + s + "'; known: exact, cel:EXPR, trajectory[:MODE], path[:MODE], judge[:MODEL]");
      }
    }
    return out;
  }

  private static Scorer judge(CompiledGraph g, String name, String output) {
    if (output == null) throw CliException.usage("scorer judge grades --output CHANNEL; give --output");
    if (!(g.resources().get("models") instanceof Models models)) {
      throw CliException.usage("scorer judge needs a model: " + g.name() + " has no models section");
    }
    Problems p = new Problems();
    Model m = models.use(name, "the judge", Pos.UNKNOWN, p).orElseThrow(() -> CliException.usage(
        "scorer judge: " + p.list().get(0).message()));
    return Scorers.judge(m);
  }
}
