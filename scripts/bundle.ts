/**
 * Bundles the Action, the CLI and the inventory scan worker into dist/ (committed: GitHub runs
 * dist/index.js directly). Deterministic: the same sources give byte-identical files, so CI can
 * rebuild and fail on any difference (`git diff --exit-code dist`).
 */
import { build } from "esbuild";
import { existsSync } from "node:fs";
import { chmod, readFile, rm, writeFile } from "node:fs/promises";

const entryPoints: Record<string, string> = {
  index: "action/index.ts",
  cli: "action/cli.ts",
  "scan-worker": "action/io/scan-worker.ts",
};

const missing = Object.values(entryPoints).filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(`bundle: entry point(s) missing: ${missing.join(", ")}`);
  process.exit(1);
}

await rm("dist", { recursive: true, force: true });
await build({
  entryPoints,
  outdir: "dist",
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  splitting: false,
  minify: false,
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  // CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: 'import { createRequire as __bkCreateRequire } from "node:module"; const require = __bkCreateRequire(import.meta.url);',
  },
});
// The CLI is an npm `bin`: it needs a shebang on its first line and the executable bit.
const cli = await readFile("dist/cli.js", "utf8");
await writeFile("dist/cli.js", `#!/usr/bin/env node\n${cli}`);
await chmod("dist/cli.js", 0o755);
console.log(`bundle: wrote ${Object.keys(entryPoints).map((name) => `dist/${name}.js`).join(", ")}`);
