/**
 * `npm run bench`: plans generated inventories of the same size (default 2,000,000 rows, 4 data files,
 * random version ids and ETags; the list is BENCH_INVENTORIES in test/helpers/bench-inventories.ts:
 * today's sample, every key escaped, a third of the rows under Object Lock) and prints, for each, the
 * plan next to what it is judged against, measured in the same run, in turns: the floor (gunzip alone
 * over the same files with the same worker-thread parallelism), the same files inflated the way the
 * plan does (the scan's own cost is the rest), DuckDB doing the plan's work as SQL over the same files,
 * and GNU gzip for scale. Each measurement runs in a child process of its own, so peak RSS is its
 * alone; the plan runs from code bundled the way dist/ is (esbuild), as users run it.
 *
 *   node scripts/bench.ts [--rows N] [--files N] [--threads N] [--runs N] [--inventories id,id]
 */
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { build } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { availableParallelism, cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeInventory } from "../test/helpers/inventory-builder.ts";
import { BENCH_INVENTORIES, type BenchInventory } from "../test/helpers/bench-inventories.ts";
import { bundleScanWorker, NODE_BUNDLE_OPTIONS } from "./bundle-options.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "2000000" },
    files: { type: "string", default: "4" },
    threads: { type: "string" },
    runs: { type: "string", default: "3" },
    inventories: { type: "string", default: BENCH_INVENTORIES.map((inventory) => inventory.id).join(",") },
  },
});
const rows = Number(values.rows);
const files = Number(values.files);
const runs = Number(values.runs);
const threads = Number(values.threads ?? Math.min(availableParallelism(), files));
const bucket = "bench-bucket";
const inventories = values.inventories.split(",").map((id) => {
  const inventory = BENCH_INVENTORIES.find((candidate) => candidate.id === id);
  if (inventory === undefined) throw new Error(`--inventories: unknown inventory "${id}" (expected some of ${BENCH_INVENTORIES.map((c) => c.id).join(", ")})`);
  return inventory;
});

/** Where an inventory is generated (once, cached for later runs), and its manifest.json. */
function manifestOf(inventory: BenchInventory): { root: string; manifest: string } {
  const root = join(".bench", `${inventory.id}-${rows}-${files}`);
  return { root, manifest: join(root, "inventory", bucket, "bucket-keys", "2026-11-01T00-00Z", "manifest.json") };
}

for (const inventory of inventories) {
  const { root, manifest } = manifestOf(inventory);
  if (existsSync(manifest)) continue;
  console.log(`Generating ${rows.toLocaleString("en-US")} rows (${inventory.id}) in ${files} data files under ${root} (cached for later runs)...`);
  await rm(root, { recursive: true, force: true });
  const perFile = Math.ceil(rows / files);
  await writeInventory(
    { kind: "dir", root },
    {
      sourceBucket: bucket,
      fileSchema: inventory.fileSchema,
      encodeKeys: !inventory.keysEncoded,
      dataFiles: Array.from({ length: files }, (_, index) => inventory.rows(bucket, Math.min(perFile, rows - index * perFile), index + 1)),
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
  /** Objects per job: the plan's (job id) and DuckDB's (its job name), to check they did the same. */
  jobs?: Record<string, number>;
}

function runChild(args: string[]): Measurement {
  const output = execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
  return JSON.parse(output.trim().split("\n").pop()!) as Measurement;
}

/**
 * For scale, the gunzip command itself (GNU gzip's `gzip -dc`) over the same files, `threads` at a time,
 * output discarded: wall time in ms, or undefined when gzip is not installed.
 */
async function gzipCommand(root: string, manifest: string): Promise<number | undefined> {
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

/** The measured lines, in the order each run takes them and the report prints them. */
const LINES = [
  { id: "floor", name: "floor (gunzip alone)", run: (manifest: string) => runChild([join(bundleDir, "bench-child.js"), "floor", manifest, String(threads)]) },
  { id: "inflate", name: "inflate as the plan does", run: (manifest: string) => runChild([join(bundleDir, "bench-child.js"), "inflate", manifest, String(threads)]) },
  { id: "plan", name: "bucket-keys plan", run: (manifest: string) => runChild([join(bundleDir, "bench-child.js"), "plan", manifest, String(threads)]) },
  { id: "duckdb", name: `DuckDB, ${threads} thread(s)`, run: (manifest: string) => runChild(["scripts/bench-duckdb.ts", manifest, String(threads), join(".bench", "duckdb-out")]) },
] as const;
type LineId = (typeof LINES)[number]["id"];

const results = inventories.map(() => ({ lines: Object.fromEntries(LINES.map((line) => [line.id, [] as Measurement[]])) as Record<LineId, Measurement[]>, gzips: [] as number[] }));
// Paired runs: every line of every inventory once per run, so a busy spell slows them all alike.
for (let run = 0; run < runs; run++) {
  for (const [index, inventory] of inventories.entries()) {
    const { root, manifest } = manifestOf(inventory);
    for (const line of LINES) results[index]!.lines[line.id].push(line.run(manifest));
    const gzip = await gzipCommand(root, manifest);
    if (gzip !== undefined) results[index]!.gzips.push(gzip);
  }
}

/** Best of the runs for each figure on its own: a busy machine slows runs, it never speeds them up. */
const best = (list: Measurement[]): Measurement => ({
  ms: Math.min(...list.map((m) => m.ms)),
  cpuMs: Math.min(...list.map((m) => m.cpuMs)),
  maxRssBytes: Math.max(...list.map((m) => m.maxRssBytes)),
  uncompressedBytes: list[0]!.uncompressedBytes,
  rows: list[0]!.rows,
  jobs: list[0]!.jobs,
});
const ratio = (a: Measurement, b: Measurement) => `${(a.ms / b.ms).toFixed(2)}x wall time, ${(a.cpuMs / b.cpuMs).toFixed(2)}x CPU time`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

console.log(`\nMachine: ${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}`);
console.log(`${rows.toLocaleString("en-US")} rows in ${files} data files per inventory; ${threads} worker thread(s); best of ${runs} paired runs`);
const summary: string[] = [];
for (const [index, inventory] of inventories.entries()) {
  const { lines, gzips } = results[index]!;
  const [floor, inflate, plan, duckdb] = LINES.map((line) => best(lines[line.id]));
  const mb = plan!.uncompressedBytes / 1e6;
  const line = (name: string, m: Measurement) =>
    `${name.padEnd(26)} ${(m.ms / 1000).toFixed(2).padStart(7)} s ${Math.round((plan!.rows / m.ms) * 1000).toLocaleString("en-US").padStart(12)} rows/s ${(mb / (m.ms / 1000)).toFixed(0).padStart(6)} MB/s   CPU ${(m.cpuMs / 1000).toFixed(2).padStart(6)} s   peak RSS ${mib(m.maxRssBytes).padStart(8)}`;
  console.log(`\nInventory "${inventory.id}": ${inventory.title}; ${plan!.rows.toLocaleString("en-US")} rows, ${mb.toFixed(0)} MB uncompressed\n`);
  LINES.forEach((spec, i) => console.log(line(spec.name, [floor, inflate, plan, duckdb][i]!)));
  if (gzips.length > 0) console.log(`${"gzip -dc, for scale".padEnd(26)} ${(Math.min(...gzips) / 1000).toFixed(2).padStart(7)} s   (GNU gzip, ${threads} file(s) at a time; not the floor)`);
  console.log(`\nplan / floor: ${ratio(plan!, floor!)} (target <= 1.3x); plan peak RSS ${mib(plan!.maxRssBytes)}, highest of all runs (target < 300 MB = 286 MiB)`);
  console.log(`plan / inflate as the plan does: ${ratio(plan!, inflate!)} (the scan's own cost: MD5, routing, manifests)`);
  console.log(`DuckDB / plan: ${ratio(duckdb!, plan!)} (target >= 2x: the plan at least twice as fast)`);
  const planJobs = Object.fromEntries(Object.entries(plan!.jobs ?? {}).map(([id, objects]) => [id.replace(`-${bucket}`, ""), objects]));
  if (JSON.stringify(Object.entries(planJobs).sort()) !== JSON.stringify(Object.entries(duckdb!.jobs ?? {}).sort())) {
    console.log(`WARNING: DuckDB's jobs differ from the plan's: ${JSON.stringify(duckdb!.jobs)} vs ${JSON.stringify(planJobs)}`);
  }
  const runsOf = (list: Measurement[]) => list.map((m) => (m.ms / 1000).toFixed(2)).join(", ");
  console.log(`all runs (s): ${LINES.map((spec) => `${spec.id} ${runsOf(lines[spec.id])}`).join("; ")}`);
  summary.push(
    `${inventory.id.padEnd(14)} ${(plan!.ms / floor!.ms).toFixed(2).padStart(6)}x ${(plan!.cpuMs / floor!.cpuMs).toFixed(2).padStart(6)}x   ${(plan!.ms / inflate!.ms).toFixed(2).padStart(6)}x ${(plan!.cpuMs / inflate!.cpuMs).toFixed(2).padStart(6)}x   ${(duckdb!.ms / plan!.ms).toFixed(2).padStart(6)}x ${(duckdb!.cpuMs / plan!.cpuMs).toFixed(2).padStart(6)}x   ${mib(plan!.maxRssBytes).padStart(8)}`,
  );
}
console.log(`\n${"".padEnd(14)} ${"plan / floor".padEnd(16)} ${"plan / inflate".padEnd(16)} ${"DuckDB / plan".padEnd(16)} plan peak RSS`);
console.log(`${"(wall, CPU)".padEnd(14)} ${"target <= 1.3x".padEnd(16)} ${"".padEnd(16)} ${"target >= 2x".padEnd(16)} target < 286 MiB`);
for (const row of summary) console.log(row);

// The Parquet line (scripts/bench-parquet.ts): the sample's rows as a Parquet inventory, against the CSV plan of the sample.
const sample = inventories.find((inventory) => inventory.id === "inventory");
if (sample !== undefined) {
  const { benchParquet } = await import("./bench-parquet.ts");
  await benchParquet({
    rows,
    files,
    runs,
    bucket,
    csvManifest: manifestOf(sample).manifest,
    plan: (path) => runChild([join(bundleDir, "bench-child.js"), "plan", path, String(threads)]),
  });
}
