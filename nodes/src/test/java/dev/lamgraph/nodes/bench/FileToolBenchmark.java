package dev.lamgraph.nodes.bench;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.tool.ToolFixtures;
import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * File tool benchmark (see bench/README.md): the cost of one read, write and list call through the
 * tool registry on a 1 KiB file three directories below the root (the path is walked one
 * component at a time through open directories). Prints one JSON line per operation: wall and
 * CPU (user + system, of the calling thread: steadier on a shared machine) microseconds per call,
 * median of 5 batches. {@code --quick} uses small batches.
 */
public final class FileToolBenchmark {
  public static void main(String[] args) throws Exception {
    boolean quick = Arrays.asList(args).contains("--quick");
    run(System.out, Files.createTempDirectory("lam-filebench"), quick ? 200 : 5_000, quick);
  }

  static void run(PrintStream out, Path dir, int calls, boolean quick) throws Exception {
    Path root = Files.createDirectories(dir.resolve("root/a/b/c")).getParent().getParent().getParent();
    String content = "x".repeat(1024);
    Files.writeString(root.resolve("a/b/c/f.txt"), content);
    try (ToolRegistry r = ToolFixtures.registry("  fs: { type: file, root: ./root, operations: [read, write, list] }", dir)) {
      Map<String, Map<String, Object>> ops = new LinkedHashMap<>();
      ops.put("read", Map.of("operation", "read", "path", "a/b/c/f.txt"));
      ops.put("write", Map.of("operation", "write", "path", "a/b/c/f.txt", "content", content));
      ops.put("list", Map.of("operation", "list", "path", "a/b/c"));
      for (var op : ops.entrySet()) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] batches = new double[5];
        double[] cpu = new double[5];
        for (int i = 0; i < calls; i++) call(r, op.getValue()); // warm up
        for (int b = 0; b < batches.length; b++) {
          long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
          for (int i = 0; i < calls; i++) call(r, op.getValue());
          batches[b] = (System.nanoTime() - t0) / 1000.0 / calls;
          cpu[b] = (mx.getCurrentThreadCpuTime() - c0) / 1000.0 / calls;
        }
        Arrays.sort(batches);
        Arrays.sort(cpu);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("bench", "file_tool_" + op.getKey());
        line.put("calls", calls);
        line.put("us_per_call", Math.round(batches[2] * 10) / 10.0);
        line.put("cpu_us_per_call", Math.round(cpu[2] * 10) / 10.0);
        line.put("quick", quick);
        out.println(Json.write(line));
      }
    }
  }

  private static void call(ToolRegistry r, Map<String, Object> args) throws Exception {
    ToolResult res = r.call("fs", args, null);
    if (!res.ok()) throw new IllegalStateException(res.error());
  }
}
