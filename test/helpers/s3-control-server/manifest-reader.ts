/**
 * Reads a job's manifest from the S3 server the way Batch Operations does in Preparing: checks the
 * object's current ETag against the one in CreateJob, then parses the CSV (S3BatchOperations_CSV_20180820
 * with its Fields, or an S3 Inventory manifest.json and its gzipped CSV data files).
 */
import { gunzipSync } from "node:zlib";
import { GetObjectCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { parse } from "csv-parse/sync";
import type { BatchTask, JobFailure } from "./batch-job.ts";
import { xmlGet, xmlMembers, xmlString, type XmlNode } from "./xml-codec.ts";

export type ManifestReadResult = { tasks: BatchTask[] } | { failure: JobFailure };

/** "arn:aws:s3:::bucket/path/to/key" -> { bucket, key } (the ARN carries the key unencoded). */
export function parseObjectArn(arn: string): { bucket: string; key: string } | undefined {
  const match = /^arn:[^:]+:s3:::([^/]+)\/(.+)$/.exec(arn);
  return match === null ? undefined : { bucket: match[1] ?? "", key: match[2] ?? "" };
}

/** Manifest and inventory CSV keys are URL-encoded, with "+" for a space. */
export function decodeManifestKey(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

export async function readManifest(s3: S3Client, manifest: XmlNode | undefined): Promise<ManifestReadResult> {
  const arn = xmlString(xmlGet(manifest, "Location", "ObjectArn")) ?? "";
  const expectedETag = unquote(xmlString(xmlGet(manifest, "Location", "ETag")) ?? "");
  const versionId = xmlString(xmlGet(manifest, "Location", "ObjectVersionId"));
  const location = parseObjectArn(arn);
  if (location === undefined) return fail("InvalidManifest", `Reading the manifest failed: ${arn} is not an S3 object ARN.`);
  let body: Buffer;
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.key, VersionId: versionId }));
    const actual = unquote(head.ETag ?? "");
    if (actual !== expectedETag) {
      return fail("ManifestETagMismatch", `Reading the manifest failed: the manifest ETag in the request (${expectedETag}) does not match the object's current ETag (${actual}).`);
    }
    body = await getBytes(s3, location.bucket, location.key, versionId);
  } catch (error) {
    const name = (error as { name?: string }).name ?? "Error";
    return fail("ManifestReadFailure", `Reading the manifest failed: ${name} for s3://${location.bucket}/${location.key}.`);
  }
  const format = xmlString(xmlGet(manifest, "Spec", "Format"));
  if (format === "S3InventoryReport_CSV_20161130") return readInventory(s3, body);
  const fields = xmlMembers(xmlGet(manifest, "Spec", "Fields")).map((f) => xmlString(f) ?? "Ignore");
  return rowsToTasks(body, fields, `s3://${location.bucket}/${location.key}`);
}

async function readInventory(s3: S3Client, manifestBytes: Buffer): Promise<ManifestReadResult> {
  let inventory: { destinationBucket?: string; fileSchema?: string; files?: Array<{ key: string }> };
  try {
    inventory = JSON.parse(manifestBytes.toString("utf8")) as typeof inventory;
  } catch {
    return fail("InvalidManifest", "Reading the manifest failed: the inventory manifest.json is not valid JSON.");
  }
  const bucket = (inventory.destinationBucket ?? "").replace(/^arn:[^:]+:s3:::/, "");
  const columns = (inventory.fileSchema ?? "").split(",").map((c) => c.trim());
  const fields = columns.map((c) => (c === "Bucket" || c === "Key" || c === "VersionId" ? c : "Ignore"));
  const tasks: BatchTask[] = [];
  for (const file of inventory.files ?? []) {
    let data: Buffer;
    try {
      data = gunzipSync(await getBytes(s3, bucket, file.key, undefined));
    } catch (error) {
      return fail("ManifestReadFailure", `Reading the manifest failed: inventory data file s3://${bucket}/${file.key}: ${(error as Error).name}.`);
    }
    const result = rowsToTasks(data, fields, `s3://${bucket}/${file.key}`);
    if ("failure" in result) return result;
    tasks.push(...result.tasks);
  }
  return { tasks };
}

function rowsToTasks(data: Buffer, fields: string[], source: string): ManifestReadResult {
  let rows: string[][];
  try {
    rows = parse(data, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    return fail("InvalidManifestContent", `Reading the manifest failed: ${source} is not valid CSV (${(error as Error).message}).`);
  }
  const tasks: BatchTask[] = [];
  const versioned = fields.includes("VersionId");
  for (const [index, row] of rows.entries()) {
    if (row.length < fields.length) {
      return fail("InvalidManifestContent", `Reading the manifest failed: ${source} row ${index + 1} has ${row.length} columns, the manifest spec names ${fields.length}.`);
    }
    const pick = (name: string): string | undefined => {
      const i = fields.indexOf(name);
      return i === -1 ? undefined : row[i];
    };
    const rawKey = pick("Key") ?? "";
    const versionId = versioned ? pick("VersionId") : undefined;
    // An empty version id stays "" (Batch fails those tasks); "null" is the literal null version.
    tasks.push({ bucket: pick("Bucket") ?? "", key: decodeManifestKey(rawKey) ?? rawKey, rawKey, versionId });
  }
  return { tasks };
}

async function getBytes(s3: S3Client, bucket: string, key: string, versionId: string | undefined): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
  return Buffer.from((await object.Body?.transformToByteArray()) ?? new Uint8Array());
}

function unquote(etag: string): string {
  return etag.replace(/^"|"$/g, "");
}

function fail(code: string, reason: string): ManifestReadResult {
  return { failure: { FailureCode: code, FailureReason: reason.slice(0, 256) } };
}
