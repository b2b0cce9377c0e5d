/**
 * Writes the benchmark's rows as a Parquet inventory, for scripts/bench-parquet.ts, in a process of its
 * own: the writer holds a data file's columns in memory, and a parent that did so would pass its peak
 * RSS on to every measurement it starts (Linux keeps ru_maxrss across fork).
 *
 *   node scripts/bench-parquet-generate.ts <root> <rows> <files> <row group size> <bucket>
 */
import { STANDARD_SCHEMA, writeInventory } from "../test/helpers/inventory-builder.ts";
import { realisticRows } from "../test/helpers/inventory-rows.ts";

const [root, rowsText, filesText, rowGroupText, bucket] = process.argv.slice(2) as [string, string, string, string, string];
const rows = Number(rowsText);
const files = Number(filesText);
const perFile = Math.ceil(rows / files);
await writeInventory(
  { kind: "dir", root },
  {
    sourceBucket: bucket,
    fileSchema: STANDARD_SCHEMA,
    format: "Parquet",
    parquet: { rowGroupSize: Number(rowGroupText) },
    dataFiles: Array.from({ length: files }, (_, index) => realisticRows(bucket, Math.min(perFile, rows - index * perFile), index + 1)),
  },
);
