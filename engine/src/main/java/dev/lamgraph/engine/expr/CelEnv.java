package dev.lamgraph.engine.expr;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelException;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.NullableType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.LimitsSpec;
import dev.lamgraph.engine.spec.OutputShape;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.util.Spelling;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CEL environment of one workflow: {@code state} is typed from the declared channels (a typo
 * such as {@code state.atempts} is a compile error), {@code input} is the run's input map. CEL is
 * not Turing-complete and cannot touch the JVM; one evaluation may make at most {@code
 * maxIterations} comprehension iterations ({@code limits.max_cel_iterations}), so nested
 * {@code map}/{@code filter} over large lists fail fast instead of running for minutes. (cel-java
 * does not check thread interrupts: this budget is what bounds an evaluation's time.) The
 * extension libraries of {@link CelLibraries} (strings, lists, math, sets, encoders, regex) are
 * declared and type-checked like the standard functions.
 *
 * <pre>{@code
 * CelEnv env = CelEnv.of(spec.state().values());
 * Expr e = env.compile("state.attempts + 1");   // throws ExprException with line/col on error
 * Object v = e.eval(stateMap, inputMap);        // 4L
 * }</pre>
 */
public final class CelEnv {
  private static final String STATE_TYPE = "lamgraph.State";
  /** One runtime per iteration budget (workflows rarely set their own). */
  private static final Map<Integer, CelRuntime> RUNTIMES = new ConcurrentHashMap<>();
  private final CelCompiler compiler;
  private final CelRuntime runtime;
  private final int maxIterations;
  private final Map<String, CelType> fields;
  private final Map<String, CelType> extraVars;
  private final List<String> fieldNames;
  private final List<String> varNames;
  private final InputRefs inputRefs;
  private final ShapeTypes shapes;

  private CelEnv(Map<String, CelType> fields, Map<String, CelType> extraVars, int maxIterations, InputRefs inputRefs,
      ShapeTypes shapes) {
    this.inputRefs = inputRefs;
    this.shapes = shapes;
    if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
    this.maxIterations = maxIterations;
    this.runtime = RUNTIMES.computeIfAbsent(maxIterations, n -> CelLibraries.addTo(CelRuntimeFactory.standardCelRuntimeBuilder()
        .setOptions(CelOptions.current().comprehensionMaxIterations(n).build()), n).build());
    this.extraVars = Collections.unmodifiableMap(new LinkedHashMap<>(extraVars));
    this.fields = Map.copyOf(fields);
    this.fieldNames = List.copyOf(fields.keySet());
    List<String> vars = new ArrayList<>(List.of("state", "input"));
    vars.addAll(extraVars.keySet());
    this.varNames = List.copyOf(vars);
    StructType st = StructType.create(STATE_TYPE, ImmutableSet.copyOf(fields.keySet()),
        f -> Optional.ofNullable(this.fields.get(f)));
    CelTypeProvider tp = new CelTypeProvider() {
      @Override
      public ImmutableCollection<CelType> types() {
        return ImmutableList.<CelType>builder().add(st).addAll(shapes.structs.values()).build();
      }

      @Override
      public Optional<CelType> findType(String name) {
        return STATE_TYPE.equals(name) ? Optional.of(st) : Optional.ofNullable(shapes.structs.get(name));
      }
    };
    var b = CelCompilerFactory.standardCelCompilerBuilder()
        .setOptions(CelOptions.current().build())
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS) // has(), all(), exists(), map(), filter()
        .setTypeProvider(tp)
        .addVar("state", st)
        .addVar("input", MapType.create(SimpleType.STRING, SimpleType.DYN));
    extraVars.forEach(b::addVar);
    this.compiler = CelLibraries.addTo(b).build();
  }

  /** An environment with the default iteration budget ({@link LimitsSpec#DEFAULT_MAX_CEL_ITERATIONS}). */
  public static CelEnv of(Collection<ChannelSpec> channels) {
    return of(channels, Map.of());
  }

  /** An environment with extra variables (node types may add their own, e.g. {@code item}). */
  public static CelEnv of(Collection<ChannelSpec> channels, Map<String, CelType> extraVars) {
    return of(channels, extraVars, LimitsSpec.DEFAULT_MAX_CEL_ITERATIONS);
  }

  /** An environment whose evaluations may make at most {@code maxIterations} comprehension iterations. */
  public static CelEnv of(Collection<ChannelSpec> channels, Map<String, CelType> extraVars, int maxIterations) {
    return of(channels, extraVars, maxIterations, Map.of());
  }

  /**
   * An environment where the channels named in {@code shapes} are typed by the shape written to
   * them ({@link OutputShape}): a struct, or a list of structs for a list channel, instead of a
   * map. The caller decides which channels take a shape (object, any or list channels without a
   * {@code schema:} of their own).
   */
  public static CelEnv of(Collection<ChannelSpec> channels, Map<String, CelType> extraVars, int maxIterations,
      Map<String, OutputShape> shapes) {
    ShapeTypes st = new ShapeTypes();
    Map<String, CelType> f = new LinkedHashMap<>();
    for (ChannelSpec c : channels) {
      OutputShape shape = shapes.get(c.name());
      f.put(c.name(), shape == null ? nullable(celType(c.type(), c.items())) : st.channel(c.name(), c.type(), shape));
    }
    return new CelEnv(f, extraVars, maxIterations, new InputRefs(), st);
  }

  /** This environment (same channels and iteration budget) with more variables, e.g. {@code result}. */
  public CelEnv withVars(Map<String, CelType> vars) {
    Map<String, CelType> extra = new LinkedHashMap<>(extraVars);
    extra.putAll(vars);
    return new CelEnv(fields, extra, maxIterations, inputRefs, shapes);
  }

  /** The input keys the expressions compiled here (and in its {@link #withVars} copies) read. */
  public InputRefs inputRefs() {
    return inputRefs;
  }

  /** The comprehension iterations one evaluation may make. */
  public int maxIterations() {
    return maxIterations;
  }

  /** Scalar channels may hold null (a JSON null), so {@code state.x == null} type-checks. */
  private static CelType nullable(CelType t) {
    return t instanceof SimpleType && t != SimpleType.DYN ? NullableType.create(t) : t;
  }

  public static CelType celType(ValueType t, ValueType items) {
    return switch (t) {
      case STRING -> SimpleType.STRING;
      case INTEGER -> SimpleType.INT;
      case NUMBER -> SimpleType.DOUBLE;
      case BOOLEAN -> SimpleType.BOOL;
      case LIST -> ListType.create(items == null || items == ValueType.LIST || items == ValueType.OBJECT
          ? SimpleType.DYN : celType(items, null));
      case OBJECT -> MapType.create(SimpleType.STRING, SimpleType.DYN);
      case MESSAGES -> ListType.create(MapType.create(SimpleType.STRING, SimpleType.DYN));
      case ANY -> SimpleType.DYN;
    };
  }

  /** "Did you mean" for the first quoted name of a CEL message ("undefined field 'atempts'"). */
  private static String suggestion(String msg, List<String> known) {
    int a = msg.indexOf('\'');
    int b = a < 0 ? -1 : msg.indexOf('\'', a + 1);
    return b < 0 ? "" : Spelling.didYouMean(msg.substring(a + 1, b), known);
  }

  private static final java.util.regex.Pattern SHAPED_READ =
      java.util.regex.Pattern.compile("\\bstate\\s*\\.\\s*(\\w+)\\s*(\\[[^\\[\\]]*\\]\\s*)?$");

  /**
   * The struct whose field an "undefined field" error at {@code line}:{@code col} (the '.') names:
   * that of the shaped channel just before it ({@code state.verdict.aprove}), else (a variable
   * bound to a shaped item, e.g. {@code s.tol} in a macro) a struct with a field spelt like it;
   * null when the error is about {@code state} itself or no shape is involved.
   */
  private String shapedStruct(String source, int line, int col) {
    if (shapes.channelStruct.isEmpty()) return null;
    String l = source.lines().skip(line - 1).findFirst().orElse("");
    String before = l.substring(0, Math.min(Math.max(0, col - 1), l.length()));
    var m = SHAPED_READ.matcher(before);
    if (m.find()) return shapes.channelStruct.get(m.group(1));
    if (before.stripTrailing().endsWith("state")) return null;
    String after = l.substring(Math.min(col, l.length())).replaceFirst("^\\s*(\\w*).*$", "$1");
    return shapes.fieldNames.entrySet().stream().filter(e -> !Spelling.didYouMean(after, e.getValue()).isEmpty())
        .map(Map.Entry::getKey).findFirst().orElse(null);
  }

  /** Compiles and type-checks an expression. */
  public Expr compile(String source) throws ExprException {
    try {
      CelAbstractSyntaxTree ast = compiler.compile(source).getAst();
      inputRefs.record(ast.getExpr());
      return new Expr(source, ast.getResultType(), runtime.createProgram(ast), maxIterations, null, FastPlanner.plan(ast, varNames));
    } catch (CelValidationException e) {
      var first = e.getErrors().isEmpty() ? null : e.getErrors().get(0);
      if (first == null) throw new ExprException(e.getMessage(), 1, 1);
      int line = Math.max(1, first.getSourceLocation().getLine());
      int col = Math.max(0, first.getSourceLocation().getColumn()) + 1;
      String msg = first.getMessage().replace(" (in container '')", "");
      String struct = msg.startsWith("undefined field") ? shapedStruct(source, line, col) : null;
      if (struct != null) {
        List<String> has = shapes.fieldNames.get(struct);
        msg += "; " + struct.substring(ShapeTypes.PREFIX.length()) + " has: " + String.join(", ", has) + suggestion(msg, has);
        String l = source.lines().skip(line - 1).findFirst().orElse("");
        if (col - 1 < l.length() && l.charAt(col - 1) == '.') col++;
        throw new ExprException(msg, line, col, true);
      } else if (msg.startsWith("undefined field")) {
        msg += "; state has: " + (fieldNames.isEmpty() ? "(no channels)" : String.join(", ", fieldNames)) + suggestion(msg, fieldNames);
        // CEL points at the '.', the user's typo starts one column later
        String l = source.lines().skip(line - 1).findFirst().orElse("");
        if (col - 1 < l.length() && l.charAt(col - 1) == '.') col++;
      } else if (msg.startsWith("undeclared reference")) {
        msg += "; variables: " + String.join(", ", varNames) + suggestion(msg, varNames);
      }
      throw new ExprException(msg, line, col);
    } catch (CelException e) {
      throw new ExprException(e.getMessage(), 1, 1);
    }
  }
}
