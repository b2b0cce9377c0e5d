/**
 * `npm run bench`: plans a generated inventory (default 2,000,000 rows, 11 columns, 4 data files, random
 * version ids and ETags) and prints rows/s, uncompressed MB/s and peak RSS of the plan next to the floor
 * measured in the same run: gunzip alone over the same files with the same worker-thread parallelism.
 * Each measurement runs in a child process of its own, so peak RSS is the plan's alone, from code bundled
 * the way dist/ is (esbuild), as users run it.
 *
 *   node scripts/bench.ts [--rows N] [--files N] [--threads N] [--runs N]
 */
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { build } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { availableParallelism, cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { STANDARD_SCHEMA, writeInventory } from "../test/helpers/inventory-builder.ts";
import { bundleScanWorker, NODE_BUNDLE_OPTIONS } from "./bundle-options.ts";
import { realisticRows } from "../test/helpers/inventory-rows.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "2000000" },
    files: { type: "string", default: "4" },
    threads: { type: "string" },
    runs: { type: "string", default: "3" },
  },
});
const rows = Number(values.rows);
const files = Number(values.files);
const runs = Number(values.runs);
const threads = Number(values.threads ?? Math.min(availableParallelism(), files));
const bucket = "bench-bucket";
const root = join(".bench", `inventory-${rows}-${files}`);
const manifest = join(root, "inventory", bucket, "bucket-keys", "2026-11-01T00-00Z", "manifest.json");

if (!existsSync(manifest)) {
  console.log(`Generating ${rows.toLocaleString("en-US")} rows in ${files} data files under ${root} (cached for later runs)...`);
  await rm(root, { recursive: true, force: true });
  const perFile = Math.ceil(rows / files);
  await writeInventory(
    { kind: "dir", root },
    {
      sourceBucket: bucket,
      fileSchema: STANDARD_SCHEMA,
      dataFiles: Array.from({ length: files }, (_, index) => realisticRows(bucket, Math.min(perFile, rows - index * perFile), index + 1)),
    },
  );
}

// Bundle the measured code like scripts/bundle.ts bundles dist/ (no TypeScript stripping at run time).
const bundleDir = join(".bench", "dist");
await rm(bundleDir, { recursive: true, force: true });
await build({ ...NODE_BUNDLE_OPTIONS, entryPoints: { "bench-child": "scripts/bench-child.ts", "bench-gunzip-worker": "scripts/bench-gunzip-worker.ts", "bench-inflate-worker": "scripts/bench-inflate-worker.ts" }, outdir: bundleDir });
await bundleScanWorker(bundleDir);

interface Measurement {
  ms: number;
  /** CPU time of all the process's threads (also zlib's thread pool): steadier than wall time on a busy machine. */
  cpuMs: number;
  maxRssBytes: number;
  uncompressedBytes: number;
  rows: number;
}

function child(kind: "floor" | "inflate" | "plan"): Measurement {
  const output = execFileSync(process.execPath, [join(bundleDir, "bench-child.js"), kind, manifest, String(threads)], { encoding: "utf8", maxBuffer: 1 << 24 });
  return JSON.parse(output.trim().split("\n").pop()!) as Measurement;
}

/**
 * For scale, the gunzip command itself (GNU gzip's `gzip -dc`) over the same files, `threads` at a time,
 * output discarded: wall time in ms, or undefined when gzip is not installed.
 */
async function gzipCommand(): Promise<number | undefined> {
  const data = JSON.parse(readFileSync(manifest, "utf8")) as { files: { key: string }[] };
  const queue = data.files.map((file) => join(root, file.key));
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: threads }, async () => {
        for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
          const gzip = spawn("gzip", ["-dc", path], { stdio: ["ignore", "ignore", "inherit"] });
          const [code] = (await once(gzip, "close")) as [number | null];
          if (code !== 0) throw new Error(`gzip -dc ${path} exited with ${code}`);
        }
      }),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return performance.now() - started;
}

const floors: Measurement[] = [];
const inflates: Measurement[] = [];
const plans: Measurement[] = [];
const gzips: number[] = [];
for (let run = 0; run < runs; run++) {
  floors.push(child("floor"));
  inflates.push(child("inflate"));
  plans.push(child("plan"));
  const gzip = await gzipCommand();
  if (gzip !== undefined) gzips.push(gzip);
}
/** Best of the runs for each figure on its own: a busy machine slows runs, it never speeds them up. */
const best = (list: Measurement[]): Measurement => ({
  ms: Math.min(...list.map((m) => m.ms)),
  cpuMs: Math.min(...list.map((m) => m.cpuMs)),
  maxRssBytes: Math.max(...list.map((m) => m.maxRssBytes)),
  uncompressedBytes: list[0]!.uncompressedBytes,
  rows: list[0]!.rows,
});
const floor = best(floors);
const inflate = best(inflates);
const plan = best(plans);
const mb = plan.uncompressedBytes / 1e6;
const line = (name: string, m: Measurement) =>
  `${name.padEnd(26)} ${(m.ms / 1000).toFixed(2).padStart(7)} s ${Math.round((plan.rows / m.ms) * 1000).toLocaleString("en-US").padStart(12)} rows/s ${(mb / (m.ms / 1000)).toFixed(0).padStart(6)} MB/s   CPU ${(m.cpuMs / 1000).toFixed(2).padStart(6)} s   peak RSS ${(m.maxRssBytes / 2 ** 20).toFixed(0).padStart(4)} MiB`;
console.log(`\nMachine: ${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}`);
console.log(`Inventory: ${plan.rows.toLocaleString("en-US")} rows, ${files} data files, ${mb.toFixed(0)} MB uncompressed; ${threads} worker thread(s); best of ${runs} runs\n`);
console.log(line("floor (gunzip alone)", floor));
console.log(line("inflate as the plan does", inflate));
console.log(line("bucket-keys plan", plan));
if (gzips.length > 0) console.log(`${"gzip -dc, for scale".padEnd(26)} ${(Math.min(...gzips) / 1000).toFixed(2).padStart(7)} s   (GNU gzip, ${threads} file(s) at a time; not the floor)`);
const ratio = (a: Measurement, b: Measurement) => `${(a.ms / b.ms).toFixed(2)}x wall time, ${(a.cpuMs / b.cpuMs).toFixed(2)}x CPU time`;
console.log(`\nplan / floor: ${ratio(plan, floor)} (target <= 1.5x); plan peak RSS ${(plan.maxRssBytes / 2 ** 20).toFixed(0)} MiB, highest of all runs (target < 300 MB = 286 MiB)`);
console.log(
  `plan / inflate as the plan does: ${ratio(plan, inflate)} (the scan's own cost: MD5, routing, manifests; the plan's inflation runs zlib synchronously in its worker threads, skips gzip's CRC-32 and collects young garbage every 8 MB)`,
);
const runsOf = (list: Measurement[]) => list.map((m) => (m.ms / 1000).toFixed(2)).join(", ");
console.log(`all runs (s): floor ${runsOf(floors)}; inflate ${runsOf(inflates)}; plan ${runsOf(plans)}`);

// The Parquet line (scripts/bench-parquet.ts): the same rows as a Parquet inventory, against the CSV plan.
const { benchParquet } = await import("./bench-parquet.ts");
await benchParquet({
  rows,
  files,
  runs,
  bucket,
  csvManifest: manifest,
  plan: (path) => JSON.parse(execFileSync(process.execPath, [join(bundleDir, "bench-child.js"), "plan", path, String(threads)], { encoding: "utf8", maxBuffer: 1 << 24 }).trim().split("\n").pop()!) as Measurement,
});
