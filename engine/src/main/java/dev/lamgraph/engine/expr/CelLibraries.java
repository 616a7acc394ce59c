package dev.lamgraph.engine.expr;

import dev.cel.common.CelOptions;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelListsExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntimeBuilder;

/**
 * The CEL extension libraries cel-java ships that every workflow expression may use, declared to
 * the type checker and bound in the runtime: strings ({@code split}, {@code join},
 * {@code substring}, {@code replace}, {@code lowerAscii}, {@code trim}, {@code indexOf}...), lists
 * ({@code sort}, {@code sortBy}, {@code distinct}, {@code flatten}, {@code slice}, {@code reverse},
 * {@code lists.range}), math ({@code math.greatest}, {@code math.least}, {@code math.round}...),
 * sets ({@code sets.contains}...), encoders ({@code base64.encode}/{@code decode}) and regex
 * ({@code regex.replace}, {@code regex.extract}, RE2: linear time).
 *
 * <p>{@code lists.range(n)} is lamgraph's own binding: it refuses more elements than the
 * expression's iteration budget ({@code limits.max_cel_iterations}), so one call cannot allocate
 * an unbounded list.
 *
 * <pre>{@code
 * CelLibraries.addTo(compilerBuilder);
 * CelLibraries.addTo(runtimeBuilder, maxIterations);
 * }</pre>
 */
final class CelLibraries {
  private static final CelOptions OPTIONS = CelOptions.current().build();
  /** Version 2 of the lists library has the {@code sortBy} macro. */
  private static final int LISTS_VERSION = 2;

  private CelLibraries() {}

  static CelCompilerBuilder addTo(CelCompilerBuilder b) {
    return b.addLibraries(CelExtensions.strings(), CelExtensions.lists(LISTS_VERSION), CelExtensions.math(OPTIONS),
        CelExtensions.sets(OPTIONS), CelExtensions.encoders(OPTIONS), CelExtensions.regex());
  }

  static CelRuntimeBuilder addTo(CelRuntimeBuilder b, int maxIterations) {
    // bindings are kept first come, first served (putIfAbsent): this bounded range replaces the library's
    return b.addFunctionBindings(CelFunctionBinding.from("lists_range", Long.class, n -> {
          if (n > maxIterations) {
            throw new CelEvaluationException("lists.range(" + n + ") is longer than limits.max_cel_iterations (" + maxIterations + ")");
          }
          return CelListsExtensions.genRange(Math.max(0, n));
        }))
        .addLibraries(CelExtensions.strings(), CelExtensions.lists(LISTS_VERSION), CelExtensions.math(OPTIONS),
            CelExtensions.sets(OPTIONS), CelExtensions.encoders(OPTIONS), CelExtensions.regex());
  }
}
