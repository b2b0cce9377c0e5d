/**
 * The Parquet line of `npm run bench`: the same rows as the CSV benchmark (realisticRows, STANDARD_SCHEMA,
 * the same data files, bench-parquet-generate.ts) written as a Parquet inventory the way S3 lays one out (parquet-data-file.ts:
 * Snappy, 100,000-row row groups), planned in runs alternating with the CSV plan so that a busy machine
 * slows both alike. Kept apart from bench.ts so the two change independently.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";

export interface ParquetBenchMeasurement {
  ms: number;
  cpuMs: number;
  maxRssBytes: number;
  rows: number;
}

export interface ParquetBenchOptions {
  rows: number;
  files: number;
  runs: number;
  bucket: string;
  /** Runs one plan measurement (bench-child.ts "plan") on a manifest. */
  plan: (manifest: string) => ParquetBenchMeasurement;
  csvManifest: string;
  /** Rows per row group. Default 100,000. */
  rowGroupSize?: number;
}

export async function benchParquet(options: ParquetBenchOptions): Promise<void> {
  const { rows, files, bucket } = options;
  const rowGroupSize = options.rowGroupSize ?? 100_000;
  const root = join(".bench", `inventory-parquet-${rows}-${files}-${rowGroupSize}`);
  const manifest = join(root, "inventory", bucket, "bucket-keys", "2026-11-01T00-00Z", "manifest.json");
  if (!existsSync(manifest)) {
    console.log(`\nGenerating the same rows as a Parquet inventory under ${root} (cached for later runs)...`);
    await rm(root, { recursive: true, force: true });
    execFileSync(process.execPath, ["scripts/bench-parquet-generate.ts", root, String(rows), String(files), String(rowGroupSize), bucket], { stdio: "inherit" });
  }
  const csv: ParquetBenchMeasurement[] = [];
  const parquet: ParquetBenchMeasurement[] = [];
  for (let run = 0; run < options.runs; run++) {
    csv.push(options.plan(options.csvManifest));
    parquet.push(options.plan(manifest));
  }
  const best = (list: ParquetBenchMeasurement[]) => ({
    ms: Math.min(...list.map((m) => m.ms)),
    cpuMs: Math.min(...list.map((m) => m.cpuMs)),
    maxRssBytes: Math.max(...list.map((m) => m.maxRssBytes)),
    rows: list[0]!.rows,
  });
  const c = best(csv);
  const p = best(parquet);
  const line = (name: string, m: ParquetBenchMeasurement) =>
    `${name.padEnd(26)} ${(m.ms / 1000).toFixed(2).padStart(7)} s ${Math.round((m.rows / m.ms) * 1000).toLocaleString("en-US").padStart(12)} rows/s   CPU ${(m.cpuMs / 1000).toFixed(2).padStart(6)} s   peak RSS ${(m.maxRssBytes / 2 ** 20).toFixed(0).padStart(4)} MiB`;
  console.log(`\nParquet: the same ${p.rows.toLocaleString("en-US")} rows in ${files} Parquet data files (Snappy, ${rowGroupSize.toLocaleString("en-US")}-row row groups); best of ${options.runs} alternating runs\n`);
  console.log(line("bucket-keys plan (CSV)", c));
  console.log(line("bucket-keys plan (Parquet)", p));
  console.log(`\nParquet / CSV: ${(p.ms / c.ms).toFixed(2)}x wall time, ${(p.cpuMs / c.cpuMs).toFixed(2)}x CPU time (target <= 1x); Parquet peak RSS ${(p.maxRssBytes / 2 ** 20).toFixed(0)} MiB (target < 300 MB = 286 MiB)`);
  const runsOf = (list: ParquetBenchMeasurement[]) => list.map((m) => (m.ms / 1000).toFixed(2)).join(", ");
  console.log(`all runs (s): CSV ${runsOf(csv)}; Parquet ${runsOf(parquet)}`);
}
