/**
 * Writes a sample S3 Inventory report (CSV, gzip, manifest.json) into a local folder in the
 * `aws s3 sync` layout, to try `bucket-keys plan` without AWS:
 *
 *   node scripts/sample-inventory.ts <folder> [--bucket photos-prod] [--rows 20000] [--files 2]
 *
 * Prints the manifest.json path to pass to --inventory.
 */
import { parseArgs } from "node:util";
import { FULL_SCHEMA, splitRows, writeInventory } from "../test/helpers/inventory-builder.ts";
import { realisticRows, routingCases } from "../test/helpers/inventory-rows.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { bucket: { type: "string", default: "photos-prod" }, rows: { type: "string", default: "20000" }, files: { type: "string", default: "2" } },
});
const folder = positionals[0];
if (folder === undefined) {
  process.stderr.write("usage: node scripts/sample-inventory.ts <folder> [--bucket NAME] [--rows N] [--files N]\n");
  process.exit(2);
}
const bucket = values.bucket;
const rows = [...routingCases(bucket).map((c) => c.row), ...realisticRows(bucket, Number(values.rows), 1)];
const written = await writeInventory({ kind: "dir", root: folder }, { sourceBucket: bucket, fileSchema: FULL_SCHEMA, dataFiles: splitRows(rows, Number(values.files)) });
process.stdout.write(`${written.manifest}\n`);
