/**
 * Bundles the Action, the CLI and the inventory scan worker into dist/ (committed: GitHub runs
 * dist/index.js directly). Deterministic: the same sources give byte-identical files, so CI can
 * rebuild and fail on any difference (`git diff --exit-code dist`).
 */
import { build } from "esbuild";
import { existsSync } from "node:fs";
import { chmod, readFile, rm, writeFile } from "node:fs/promises";
import { bundleScanWorker, NODE_BUNDLE_OPTIONS } from "./bundle-options.ts";

const entryPoints: Record<string, string> = {
  index: "action/surfaces/action/index.ts",
  cli: "action/surfaces/cli/index.ts",
};

const missing = [...Object.values(entryPoints), "action/io/scan/scan-worker.ts"].filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(`bundle: entry point(s) missing: ${missing.join(", ")}`);
  process.exit(1);
}

await rm("dist", { recursive: true, force: true });
await build({ ...NODE_BUNDLE_OPTIONS, entryPoints, outdir: "dist", splitting: false });
await bundleScanWorker("dist");
// A release is action.yml and dist/: say that dist/*.js are ES modules there too, whatever surrounds
// the folder (the runner starts `node <action folder>/dist/index.js`; without this, Node would have to
// detect the module syntax by parsing each file twice).
await writeFile("dist/package.json", `${JSON.stringify({ type: "module", private: true }, null, 2)}\n`);
// The CLI is an npm `bin`: it needs a shebang on its first line and the executable bit.
const cli = await readFile("dist/cli.js", "utf8");
await writeFile("dist/cli.js", `#!/usr/bin/env node\n${cli}`);
await chmod("dist/cli.js", 0o755);
console.log(`bundle: wrote ${[...Object.keys(entryPoints), "scan-worker"].map((name) => `dist/${name}.js`).join(", ")} (and the scan worker's on-demand chunks)`);
