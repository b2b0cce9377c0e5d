import { execFile } from "node:child_process";
import { readdir, readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { memoryLogger } from "../../action/contracts/logger.ts";
import { validatePlan } from "../../action/contracts/plan-schema.ts";
import { planInventory } from "../../action/use-cases/plan-inventory.ts";
import { expectedOutcome } from "../helpers/expected-manifests.ts";
import { FULL_SCHEMA, splitRows, TUTORIAL_SCHEMA, writeInventory, type InventorySpec, type InventoryTarget } from "../helpers/inventory-builder.ts";
import { realisticRows, routingCases } from "../helpers/inventory-rows.ts";
import { LOCAL_S3_REGION, startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";

const run = promisify(execFile);
const KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** Every routing case, then realistic rows (keys with spaces, "+" and non-ASCII; null version ids; empty fields). */
const ROWS = [...routingCases("photos").map((c) => c.row), ...realisticRows("photos", 2500, 11)];

/** What a plan of the same objects may differ in between formats: the format, the manifest's MD5, and the id that hashes them. */
function withoutFormat(planJson: string): unknown {
  const plan = JSON.parse(planJson) as { id?: string; inventories: { fileFormat?: string; manifestMd5?: string }[] };
  delete plan.id;
  for (const inventory of plan.inventories) {
    delete inventory.fileFormat;
    delete inventory.manifestMd5;
  }
  return plan;
}

async function manifestsIn(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(join(dir, "manifests"))).sort();
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file, await readFile(join(dir, "manifests", file), "utf8")] as const)));
}

async function cliPlan(manifest: string, out: string): Promise<void> {
  await run(process.execPath, ["action/surfaces/cli/index.ts", "plan", "--inventory", manifest, "--kms-key-arn", KMS, "--out", out], { maxBuffer: 1 << 24 });
}

describe("bucket-keys plan on Parquet inventories", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "plan-parquet-"));
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  const write = (name: string, spec: Partial<InventorySpec>, target: InventoryTarget = { kind: "dir", root: join(root, name) }) =>
    writeInventory(target, { sourceBucket: "photos", fileSchema: FULL_SCHEMA, dataFiles: splitRows(ROWS, 3), ...spec });

  it.each([
    ["hyparquet-writer (data pages V2, several row groups and pages, dictionary and plain chunks, AWS's fileSchema)", { rowGroupSize: [7, 300], pageSize: 2048, schemaStyle: "aws" }],
    ["parquet-wasm (data pages V1, dictionary pages falling back to plain within a chunk, STRING/TIMESTAMP(MILLIS,true) fileSchema)", { writer: "parquet-wasm", rowGroupSize: 400, pageSize: 1024, dictionaryPageSizeLimit: 512, schemaStyle: "logical" }],
  ] as const)("gives the CSV plan's plan.json (but its format) and byte-identical manifests through the CLI: %s", async (name, parquet) => {
    const csv = await write(`csv-${name.length}`, {});
    const pq = await write(`parquet-${name.length}`, { format: "Parquet", parquet });
    const csvOut = join(root, `out-csv-${name.length}`);
    const parquetOut = join(root, `out-parquet-${name.length}`);
    await cliPlan(csv.manifest, csvOut);
    await cliPlan(pq.manifest, parquetOut);
    const csvPlan = await readFile(join(csvOut, "plan.json"), "utf8");
    const parquetPlan = await readFile(join(parquetOut, "plan.json"), "utf8");
    expect(validatePlan(JSON.parse(parquetPlan), "plan.json").inventories[0]!.fileFormat).toBe("Parquet");
    expect(withoutFormat(parquetPlan)).toEqual(withoutFormat(csvPlan));
    expect(await manifestsIn(parquetOut)).toEqual(await manifestsIn(csvOut));
    // plan.md differs only where the plan id is shown.
    const csvId = JSON.parse(csvPlan).id as string;
    const parquetId = JSON.parse(parquetPlan).id as string;
    expect((await readFile(join(parquetOut, "plan.md"), "utf8")).replaceAll(parquetId, csvId)).toBe(await readFile(join(csvOut, "plan.md"), "utf8"));
  });

  it.each([
    ["GZIP pages and DELTA encodings (read through hyparquet's own page decoders)", FULL_SCHEMA, { codec: "GZIP", encodings: { Key: "DELTA_BYTE_ARRAY", VersionId: "DELTA_LENGTH_BYTE_ARRAY", Size: "DELTA_BINARY_PACKED" }, rowGroupSize: 500 }],
    ["AWS's tutorial schema (no EncryptionStatus, StorageClass or Size column)", TUTORIAL_SCHEMA, { rowGroupSize: 700 }],
  ] as const)("gives the CSV plan and manifests for %s", async (name, fileSchema, parquet) => {
    const csv = await write(`csv-${name.length}`, { fileSchema });
    const pq = await write(`parquet-${name.length}`, { fileSchema, format: "Parquet", parquet });
    const options = { kmsKeyArn: KMS, operation: "auto" } as const;
    const csvPlan = await planInventory({ ...options, inventories: [csv.manifest], outDir: join(root, `out-csv-${name.length}`) }, { logger: memoryLogger() });
    const parquetPlan = await planInventory({ ...options, inventories: [pq.manifest], outDir: join(root, `out-parquet-${name.length}`) }, { logger: memoryLogger() });
    expect(withoutFormat(JSON.stringify(parquetPlan.plan))).toEqual(withoutFormat(JSON.stringify(csvPlan.plan)));
    expect(await manifestsIn(parquetPlan.dir)).toEqual(await manifestsIn(csvPlan.dir));
  });

  it("routes every routing case to its expected job or skip reason", async () => {
    const cases = routingCases("photos");
    const inventory = await write("cases", { format: "Parquet", dataFiles: splitRows(cases.map((c) => c.row), 2), parquet: { rowGroupSize: 5 } });
    const out = join(root, "out-cases");
    const result = await planInventory({ inventories: [inventory.manifest], kmsKeyArn: KMS, outDir: out, operation: "auto" }, { logger: memoryLogger() });
    const expected = expectedOutcome("photos", cases, { versionIds: true });
    expect(await manifestsIn(out)).toEqual(Object.fromEntries(Object.entries(expected.manifests).map(([id, text]) => [`${id}.csv`, text])));
    expect(result.plan.skipped).toEqual(expected.skipped);
  });

  describe("from s3:// on the local S3 server", () => {
    let server: LocalS3Server;
    let client: S3Client;
    beforeAll(async () => {
      server = await startS3Server({ buckets: ["inventories"] });
      client = server.client();
      for (const [name, value] of Object.entries(server.env())) vi.stubEnv(name, value);
    });
    afterAll(async () => {
      vi.unstubAllEnvs();
      await server.stop();
    });

    it("plans an s3:// Parquet inventory with ranged GETs to the same plan as its local copy", async () => {
      const spec = { format: "Parquet", parquet: { rowGroupSize: 300, pageSize: 4096 } } as const;
      const remote = await write("s3", spec, { kind: "s3", client, bucket: "inventories" });
      const local = await write("local-copy", spec);
      const remoteOut = join(root, "out-s3");
      const localOut = join(root, "out-local-copy");
      const options = { kmsKeyArn: KMS, operation: "auto", endpointUrl: server.endpoint, region: LOCAL_S3_REGION } as const;
      const remotePlan = await planInventory({ ...options, inventories: [remote.manifest], outDir: remoteOut }, { logger: memoryLogger(), s3: client });
      await planInventory({ ...options, inventories: [local.manifest], outDir: localOut }, { logger: memoryLogger() });
      expect(remotePlan.plan.inventories[0]!.manifest).toBe(remote.manifest);
      expect(remotePlan.plan.totals.rows).toBe(ROWS.length);
      expect(await manifestsIn(remoteOut)).toEqual(await manifestsIn(localOut));
    });
  });
});
