import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AwsCallError, ChecksumMismatchError } from "../../action/contracts/errors.ts";
import { memoryLogger } from "../../action/contracts/logger.ts";
import { validatePlan } from "../../action/contracts/plan-schema.ts";
import { createS3Client } from "../../action/io/aws/s3-client.ts";
import { planInventory } from "../../action/use-cases/plan-inventory.ts";
import { expectedOutcome } from "../helpers/expected-manifests.ts";
import { FULL_SCHEMA, splitRows, writeInventory } from "../helpers/inventory-builder.ts";
import { routingCases } from "../helpers/inventory-rows.ts";
import { LOCAL_S3_REGION, startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";

const KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("planInventory from s3:// inventories through the AWS SDK", () => {
  let server: LocalS3Server;
  let client: S3Client;
  let root: string;

  beforeAll(async () => {
    server = await startS3Server({ buckets: ["inventories", "manifests"] });
    client = server.client();
    // Scan workers build their own clients from the default credential chain.
    // Stubbed on the real environment (not a replaced process.env object), which worker threads copy.
    for (const [name, value] of Object.entries(server.env())) vi.stubEnv(name, value);
    root = await mkdtemp(join(tmpdir(), "plan-s3-"));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  const plan = (inventories: string[], outDir: string, manifestUri?: string) =>
    planInventory(
      { inventories, kmsKeyArn: KMS, outDir, operation: "auto", endpointUrl: server.endpoint, region: LOCAL_S3_REGION, ...(manifestUri && { manifestUri }) },
      { logger: memoryLogger(), s3: client },
    );

  it("plans two buckets from S3 and uploads each manifest with its URI, ETag and sha256 in plan.json", async () => {
    const photoCases = routingCases("photos");
    const photos = await writeInventory({ kind: "s3", client, bucket: "inventories" }, { sourceBucket: "photos", fileSchema: FULL_SCHEMA, dataFiles: splitRows(photoCases.map((c) => c.row), 2) });
    const videoCases = routingCases("videos");
    const videos = await writeInventory({ kind: "s3", client, bucket: "inventories" }, { sourceBucket: "videos", fileSchema: [...FULL_SCHEMA].reverse(), dataFiles: splitRows(videoCases.map((c) => c.row), 3) });
    // What each PutObject asked for on the wire (the local server does not echo it back).
    const sentEncryption = new Map<string, string | undefined>();
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const request = args.request as { path?: string; headers?: Record<string, string> };
        if (context.commandName === "PutObjectCommand") sentEncryption.set(decodeURIComponent(request.path!.replace(/^\/manifests\//, "")), request.headers?.["x-amz-server-side-encryption"]);
        return next(args);
      },
      { step: "finalizeRequest", name: "recordManifestEncryption" },
    );
    const result = await plan([videos.manifest, photos.manifest], join(root, "out"), "s3://manifests/bucket-keys");

    const onDisk = validatePlan(JSON.parse(await readFile(result.planPath, "utf8")), "plan.json");
    expect(onDisk.inventories.map((inventory) => inventory.manifest)).toEqual([photos.manifest, videos.manifest]);
    const expected = { ...expectedOutcome("photos", photoCases, { versionIds: true }).manifests, ...expectedOutcome("videos", videoCases, { versionIds: true }).manifests };
    expect(onDisk.jobs.map((job) => job.id).sort()).toEqual(Object.keys(expected).sort());
    for (const job of onDisk.jobs) {
      const local = await readFile(join(root, "out", job.manifest.path));
      expect(local.toString()).toBe(expected[job.id]);
      expect(job.manifest.uri).toBe(`s3://manifests/bucket-keys/${onDisk.id}/${job.id}.csv`);
      expect(job.manifest.sha256).toBe(createHash("sha256").update(local).digest("hex"));
      const key = `bucket-keys/${onDisk.id}/${job.id}.csv`;
      const uploaded = await client.send(new GetObjectCommand({ Bucket: "manifests", Key: key }));
      expect(Buffer.from(await uploaded.Body!.transformToByteArray())).toEqual(local);
      const head = await client.send(new HeadObjectCommand({ Bucket: "manifests", Key: key }));
      expect(job.manifest.etag).toBe(head.ETag!.replace(/"/g, ""));
      expect(sentEncryption.get(key)).toBe("AES256");
    }
  });

  it("fails on a corrupt data file in S3, naming its s3:// location, and writes nothing", async () => {
    const inventory = await writeInventory({ kind: "s3", client, bucket: "inventories" }, { sourceBucket: "corrupt", fileSchema: FULL_SCHEMA, dataFiles: [routingCases("corrupt").map((c) => c.row)], corrupt: { file: 0, kind: "md5-mismatch" } });
    const out = join(root, "corrupt-out");
    const error = await plan([inventory.manifest], out, "s3://manifests/corrupt/").catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect((error as Error).message).toMatch(new RegExp(`^s3://inventories/${inventory.dataKeys[0]}: MD5 mismatch \\(manifest [0-9a-f]{32}, file [0-9a-f]{32}\\)\\. `));
    expect(existsSync(join(out, "plan.json"))).toBe(false);
    const listed = await client.send(new GetObjectCommand({ Bucket: "manifests", Key: "corrupt/x" })).catch((caught: Error) => caught);
    expect(listed).toBeInstanceOf(Error); // nothing uploaded
  });

  it("fails naming bucket and key when the manifest does not exist (NoSuchKey)", async () => {
    const error = await plan(["s3://inventories/nowhere/photos/cfg/2026-11-01T00-00Z/manifest.json"], join(root, "missing-out")).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as Error).message).toBe(
      "s3://inventories/nowhere/photos/cfg/2026-11-01T00-00Z/manifest.json: GetObject failed with NoSuchKey (The specified key does not exist.). " +
        "The object does not exist: check the URI, and that the inventory report was not expired by a lifecycle rule.",
    );
  });

  it("fails naming bucket and key when a listed data file is gone from S3", async () => {
    const inventory = await writeInventory({ kind: "s3", client, bucket: "inventories" }, { sourceBucket: "gone", fileSchema: FULL_SCHEMA, dataFiles: [[], []], corrupt: { file: 1, kind: "missing" } });
    const error = await plan([inventory.manifest], join(root, "gone-out")).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as Error).message).toMatch(new RegExp(`^s3://inventories/${inventory.dataKeys[1]}: GetObject failed with NoSuchKey `));
  });

  it("fails naming bucket and key when S3 answers AccessDenied", async () => {
    const denying: Server = createServer((request, response) => {
      request.resume();
      response.writeHead(403, { "content-type": "application/xml" });
      response.end('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>1</RequestId></Error>');
    });
    await new Promise<void>((resolve) => denying.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(denying.address() as AddressInfo).port}`;
    try {
      const error = await planInventory(
        { inventories: ["s3://secret-inventories/inv/photos/cfg/2026-11-01T00-00Z/manifest.json"], kmsKeyArn: KMS, outDir: join(root, "denied-out"), operation: "auto", endpointUrl: endpoint, region: LOCAL_S3_REGION },
        { logger: memoryLogger(), s3: createS3Client({ endpointUrl: endpoint, region: LOCAL_S3_REGION }) },
      ).catch((caught: Error) => caught);
      expect(error).toBeInstanceOf(AwsCallError);
      expect((error as Error).message).toBe(
        "s3://secret-inventories/inv/photos/cfg/2026-11-01T00-00Z/manifest.json: GetObject failed with AccessDenied (Access Denied). " +
          "Grant the credentials s3:GetObject on this object (and kms:Decrypt on its key if the report is SSE-KMS encrypted).",
      );
    } finally {
      await new Promise((resolve) => denying.close(resolve));
    }
  });
});
