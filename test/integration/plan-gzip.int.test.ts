/**
 * Data files in every gzip layout gunzip reads: the scan inflates the first member raw (its CRC-32 is
 * covered by the MD5 check) and must give exactly the plan it gives for the plain single-member file;
 * later members, padding and faults must behave as with gunzip, whichever way the scan inflates.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { InventoryDataError } from "../../action/contracts/errors.ts";
import { memoryLogger } from "../../action/contracts/logger.ts";
import type { Plan } from "../../action/contracts/plan-schema.ts";
import { planInventory } from "../../action/use-cases/plan-inventory.ts";
import { FULL_SCHEMA, writeInventory, type InventorySpec, type InventoryTarget } from "../helpers/inventory-builder.ts";
import { realisticRows, routingCases } from "../helpers/inventory-rows.ts";
import { LOCAL_S3_REGION, startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";

const KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const RESYNC_GZIP = "The data file is corrupt or truncated; re-sync the inventory and run again.";

/** Gzip members of consecutive slices of `csv`, cut at the given fractions (anywhere, even inside a line). */
const members = (...cuts: number[]) => (csv: Buffer) => {
  const at = [0, ...cuts.map((cut) => Math.floor(csv.length * cut)), csv.length];
  return Buffer.concat(at.slice(1).map((end, i) => gzipSync(csv.subarray(at[i], end))));
};
/** One member whose header carries a file name and a comment. */
const named = (csv: Buffer) => {
  const plain = gzipSync(csv);
  const head = Buffer.from(plain.subarray(0, 10));
  head[3] = 0x08 | 0x10;
  return Buffer.concat([head, Buffer.from("inventory.csv\0a comment\0", "latin1"), plain.subarray(10)]);
};
const padded = (csv: Buffer) => Buffer.concat([gzipSync(csv), Buffer.alloc(64)]);
/** The last member's ISIZE off by one (its CRC-32 still right): only a size check can see it. */
const wrongSize = (layout: (csv: Buffer) => Buffer) => (csv: Buffer) => {
  const file = Buffer.from(layout(csv));
  file.writeUInt32LE((file.readUInt32LE(file.length - 4) + 1) >>> 0, file.length - 4);
  return file;
};
/** A later member's CRC-32 broken. */
const wrongLaterCrc = (csv: Buffer) => {
  const file = members(0.5)(csv);
  file.writeUInt32LE((file.readUInt32LE(file.length - 8) ^ 1) >>> 0, file.length - 8);
  return file;
};

// Both ways the scan can inflate: zlib driven synchronously (the default) and zlib's streams.
describe.each(["sync", "stream"])("planInventory on data files in every gzip layout (BUCKET_KEYS_INFLATE=%s)", (mode) => {
  let root: string;
  let server: LocalS3Server;
  let client: S3Client;
  const rows = [...routingCases("photos").map((c) => c.row), ...realisticRows("photos", 3000, 1)];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "plan-gzip-"));
    server = await startS3Server({ buckets: ["inventories"] });
    client = server.client();
    // Stubbed on the real environment (not a replaced process.env object), which worker threads copy.
    for (const [name, value] of Object.entries({ ...server.env(), BUCKET_KEYS_INFLATE: mode })) vi.stubEnv(name, value);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  let runs = 0;
  /** Plans an inventory of `rows` in two data files written with `gzip`; returns the plan and its manifests' text. */
  async function planWith(gzip: InventorySpec["gzip"], target: "dir" | "s3" = "dir"): Promise<{ plan: Plan; manifests: Record<string, string> }> {
    const run = runs++;
    const where: InventoryTarget = target === "dir" ? { kind: "dir", root: join(root, `sync-${run}`) } : { kind: "s3", client, bucket: "inventories" };
    const inventory = await writeInventory(where, { sourceBucket: "photos", configId: `layout-${run}`, fileSchema: FULL_SCHEMA, dataFiles: [rows.slice(0, 1500), rows.slice(1500)], ...(gzip && { gzip }) });
    const outDir = join(root, `out-${run}`);
    const settings = target === "s3" ? { endpointUrl: server.endpoint, region: LOCAL_S3_REGION } : {};
    const { plan } = await planInventory({ inventories: [inventory.manifest], kmsKeyArn: KMS, outDir, operation: "auto", ...settings }, { logger: memoryLogger(), s3: client });
    const manifests: Record<string, string> = {};
    for (const name of await readdir(join(outDir, "manifests"))) manifests[name] = await readFile(join(outDir, "manifests", name), "utf8");
    return { plan, manifests };
  }

  /** What must not depend on the layout: the jobs (with their manifests' sha256), the counts and the manifests. */
  const outcome = ({ plan, manifests }: { plan: Plan; manifests: Record<string, string> }) => ({ jobs: plan.jobs, skipped: plan.skipped, totals: plan.totals, manifests });

  let plain: ReturnType<typeof outcome>;
  beforeAll(async () => void (plain = outcome(await planWith(undefined))));

  it.each([
    ["a header with a file name and a comment", named],
    ["two members, cut inside a line", members(0.37)],
    ["four members, one of them empty", members(0.2, 0.2, 0.9)],
    ["an empty first member", members(0, 0.5)],
    ["zero padding after the member", padded],
  ])("plans a file with %s exactly as the plain file", async (_, gzip) => {
    expect(outcome(await planWith(gzip))).toEqual(plain);
  });

  it("plans a file of several members read from S3 exactly as the plain file", async () => {
    expect(outcome(await planWith(members(0.5), "s3"))).toEqual(plain);
  });

  it.each([
    ["a wrong ISIZE in a one-member file", wrongSize((csv) => gzipSync(csv)), "incorrect length check"],
    ["a wrong ISIZE in the last of two members", wrongSize(members(0.5)), "incorrect length check"],
    ["a wrong CRC-32 in a later member", wrongLaterCrc, "incorrect data check"],
    ["bytes after the member that are not gzip", (csv: Buffer) => Buffer.concat([gzipSync(csv), Buffer.from("trailing junk")]), "incorrect header check"],
  ])("fails on %s as gunzip does, naming the file, and writes nothing", async (_, gzip, reason) => {
    const error = await planWith(gzip).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(InventoryDataError);
    expect((error as Error).message).toMatch(new RegExp(`/data/[^/]+\\.csv\\.gz: not a readable gzip file \\(${reason}\\)\\. ${RESYNC_GZIP.replace(/[.()]/g, "\\$&")}$`));
    expect(existsSync(join(root, `out-${runs - 1}`, "plan.json"))).toBe(false);
  });
});
