/**
 * One measurement for scripts/bench.ts, in a process of its own: "floor" gunzips the inventory's data
 * files in worker threads (scripts/bench-gunzip-worker.ts) and discards the bytes, "inflate"
 * decompresses them the way the plan's scan does (scripts/bench-inflate-worker.ts: the reference for
 * the scan's own cost), "plan" runs planInventory. Prints one JSON line.
 *
 *   node scripts/bench-child.ts floor|inflate|plan <manifest.json> <threads>
 */
import { readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { silentLogger } from "../action/contracts/logger.ts";
import { planInventory } from "../action/use-cases/plan-inventory.ts";

const [kind, manifestPath, threadsText] = process.argv.slice(2) as [string, string, string];
const threads = Number(threadsText);
const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as { files: { key: string }[] };
const root = dirname(dirname(dirname(dirname(dirname(manifestPath)))));
const out = join(dirname(root), "out");
const started = performance.now();
const cpuStart = process.cpuUsage();
let uncompressedBytes = 0;
let rows = 0;
let jobs: Record<string, number> | undefined;
if (kind === "floor" || kind === "inflate") {
  const queue = manifest.files.map((file) => join(root, file.key));
  await Promise.all(
    Array.from({ length: threads }, async () => {
      const name = kind === "floor" ? "bench-gunzip-worker" : "bench-inflate-worker";
      const worker = new Worker(new URL(`./${name}${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url));
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        worker.postMessage(path);
        const bytes = await new Promise<number>((resolve) => worker.once("message", resolve));
        uncompressedBytes += bytes;
      }
      // As the plan's scan pool does: the idle workers stop in the background.
      void worker.terminate();
    }),
  );
} else {
  const result = await planInventory(
    { inventories: [manifestPath], kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", outDir: out, operation: "auto" },
    { logger: silentLogger, threads, onProgress: (p) => void (uncompressedBytes = p.bytes) },
  );
  rows = result.plan.totals.rows;
  jobs = Object.fromEntries(result.plan.jobs.map((job) => [job.id, job.objects]));
}
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
// Deleting the plan's output is not part of the plan.
if (kind === "plan") await rm(out, { recursive: true, force: true });
console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssBytes: process.resourceUsage().maxRSS * 1024, uncompressedBytes, rows, jobs }));
