import { scanDataFile } from "./action/io/scan-data-file.ts";
import { readFileSync } from "node:fs";
const root = "/tmp/ci-check/.bench/inventory-2000000-4";
const m = JSON.parse(readFileSync(`${root}/inventory/bench-bucket/bucket-keys/2026-11-01T00-00Z/manifest.json`, "utf8"));
const f = m.files[0];
const t0 = performance.now(); const c0 = process.cpuUsage();
const r = await scanDataFile({ index: 0, source: { kind: "local", path: `${root}/${f.key}`, display: f.key }, expectedMd5: f.MD5checksum, fileSchema: m.fileSchema.split(", "), sourceBucket: "bench-bucket", operation: "auto", inventoryTimeMs: Number(m.creationTimestamp), partsDir: "/tmp/prof-parts" });
const c = process.cpuUsage(c0);
console.log((performance.now()-t0).toFixed(0), "ms wall", ((c.user+c.system)/1000).toFixed(0), "ms cpu", r.tally.rows, r.uncompressedBytes, JSON.stringify(r.tally.jobs));
