// Bundles the page (src/main.jsx with React and the SDK's useStream) into OUT_DIR/app.js and copies index.html.
// Usage: node build.mjs OUT_DIR
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const out = process.argv[2] ?? "dist";
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ["src/main.jsx"],
  bundle: true,
  format: "iife",
  jsx: "automatic",
  target: "es2022",
  define: { "process.env.NODE_ENV": '"development"' },
  outfile: join(out, "app.js"),
  logLevel: "warning",
});
copyFileSync("index.html", join(out, "index.html"));
console.log(`built ${out}`);
