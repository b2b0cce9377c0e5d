/**
 * Writes S3 Inventory reports (CSV, gzip, manifest.json + manifest.checksum) the way S3 delivers them,
 * into a local folder in the `aws s3 sync` layout or into a bucket through an S3Client. Shared by the
 * plan engine's tests, the Action's tests, the demo and the benchmark.
 *
 *   <root>/<prefix>/<sourceBucket>/<configId>/<YYYY-MM-DDTHH-MMZ>/manifest.json
 *   <root>/<prefix>/<sourceBucket>/<configId>/<YYYY-MM-DDTHH-MMZ>/manifest.checksum
 *   <root>/<prefix>/<sourceBucket>/<configId>/data/<id>.csv.gz      (files[].key is relative to <root>)
 *
 * Rows are objects keyed by column name; any `fileSchema` and column order works, missing columns are
 * written as empty fields. `Key` is given plain and written form-encoded, as S3 Inventory does
 * (space as "+", other reserved bytes as %XX), unless `encodeKeys: false`. Rows for every routing
 * branch, with their expected outcome, and seeded realistic rows come from ./inventory-rows.ts.
 *
 *   const written = await writeInventory({ kind: "dir", root }, {
 *     sourceBucket: "photos", fileSchema: FULL_SCHEMA, dataFiles: splitRows(routingCases("photos").map((c) => c.row), 3),
 *   });
 *   // written.manifest: the manifest.json path (or s3:// URI) to plan from
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { once } from "node:events";
import { createGzip, gzipSync } from "node:zlib";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { parquetDataFile, parquetMessageType, type ParquetFileOptions } from "./parquet-data-file.ts";

export type InventoryRow = Readonly<Record<string, string | undefined>>;

/** The 11 columns of a typical all-versions inventory with the fields this project asks for. */
export const STANDARD_SCHEMA = [
  "Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "Size", "LastModifiedDate", "ETag",
  "StorageClass", "EncryptionStatus", "BucketKeyStatus",
] as const;

/** Every column the router reads. */
export const FULL_SCHEMA = [
  ...STANDARD_SCHEMA, "IntelligentTieringAccessTier", "ObjectLockMode", "ObjectLockRetainUntilDate",
  "ObjectLockLegalHoldStatus", "ObjectAccessControlList",
] as const;

/** AWS's Bucket Key tutorial schema: no EncryptionStatus, no StorageClass, no Size. */
export const TUTORIAL_SCHEMA = ["Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "BucketKeyStatus"] as const;

export interface InventorySpec {
  sourceBucket: string;
  fileSchema: readonly string[];
  /** Rows of each data file, in order: one entry per data file. Iterables are consumed once, streaming. */
  dataFiles: readonly Iterable<InventoryRow>[];
  /** Destination prefix. Default "inventory". */
  prefix?: string;
  /** Inventory configuration id. Default "bucket-keys". */
  configId?: string;
  destinationBucket?: string;
  /** The report's creationTimestamp; also names its folder. Default 2026-11-01T00:00Z. */
  creationTime?: Date;
  /** The manifest's fileFormat; default: the format the data files are written in. */
  fileFormat?: string;
  /**
   * "CSV" (default: gzip-compressed CSV) or "Parquet" (parquet-data-file.ts: S3's columns and types,
   * Snappy, keys plain; fileSchema then is a Parquet message type).
   */
  format?: "CSV" | "Parquet";
  /** Parquet layout: writer, row groups, page size (parquet-data-file.ts). */
  parquet?: ParquetFileOptions & { schemaStyle?: "aws" | "logical" };
  /** "all" (default, as S3 writes them), "none", or "needed" (only fields with , " CR LF). */
  quoting?: "all" | "none" | "needed";
  lineEnding?: "\n" | "\r\n";
  /** Form-encode Key values (default true). `keepSlash` (default true) leaves "/" unencoded. */
  encodeKeys?: boolean;
  keepSlash?: boolean;
  /**
   * Compresses a data file's CSV bytes (default: one gzip member, as S3 Inventory writes it), for
   * other gzip layouts: several members, header fields, padding, a broken trailer.
   */
  gzip?: (csv: Buffer) => Buffer;
  /** Break one data file on purpose. */
  corrupt?: { file: number; kind: "md5-mismatch" | "truncated-gzip" | "not-gzip" | "missing" | "truncated-parquet" | "parquet-magic" | "parquet-footer" };
  /** Rewrite the parsed manifest.json before it is written (drop fields, change fileFormat, ...). */
  editManifest?: (manifest: Record<string, unknown>) => unknown;
  /** Write this text as manifest.json instead of JSON (for "not JSON" cases). */
  manifestText?: string;
}

export interface WrittenInventory {
  /** Key of manifest.json relative to the root (or the bucket). */
  manifestKey: string;
  /** Local: absolute path of manifest.json. S3: s3://bucket/key. */
  manifest: string;
  dataKeys: string[];
  rows: number;
}

export type InventoryTarget = { kind: "dir"; root: string } | { kind: "s3"; client: S3Client; bucket: string };

/** Writes an inventory into a local folder (the `aws s3 sync` layout) or an S3 bucket. */
export async function writeInventory(target: InventoryTarget, spec: InventorySpec): Promise<WrittenInventory> {
  const base = `${spec.prefix ?? "inventory"}/${spec.sourceBucket}/${spec.configId ?? "bucket-keys"}`;
  const creationTime = spec.creationTime ?? new Date("2026-11-01T00:00:00Z");
  const manifestKey = `${base}/${inventoryFolderName(creationTime)}/manifest.json`;
  const files: { key: string; size: number; MD5checksum: string }[] = [];
  const dataKeys: string[] = [];
  let rows = 0;
  const parquet = spec.format === "Parquet";
  for (const [index, fileRows] of spec.dataFiles.entries()) {
    const key = `${base}/data/${dataFileId(spec.sourceBucket, creationTime, index)}${parquet ? ".parquet" : ".csv.gz"}`;
    const corrupt = spec.corrupt?.file === index ? spec.corrupt.kind : undefined;
    let written: { size: number; md5: string };
    if (parquet) {
      const list = [...fileRows];
      rows += list.length;
      written = await writeParquetFile(target, key, parquetDataFile(spec.fileSchema, list, spec.parquet), corrupt);
    } else {
      written = await writeDataFile(target, key, csvLines(spec, fileRows, () => rows++), corrupt, spec.gzip);
    }
    dataKeys.push(key);
    files.push({ key, size: written.size, MD5checksum: corrupt === "md5-mismatch" ? flipHex(written.md5) : written.md5 });
  }
  let manifest: unknown = {
    sourceBucket: spec.sourceBucket,
    destinationBucket: `arn:aws:s3:::${spec.destinationBucket ?? "inventory-destination"}`,
    version: "2016-11-30",
    creationTimestamp: String(creationTime.getTime()),
    fileFormat: spec.fileFormat ?? (parquet ? "Parquet" : "CSV"),
    fileSchema: parquet ? parquetMessageType(spec.fileSchema, spec.parquet?.schemaStyle, spec.parquet) : spec.fileSchema.join(", "),
    files,
  };
  if (spec.editManifest) manifest = spec.editManifest(manifest as Record<string, unknown>);
  const manifestBytes = Buffer.from(spec.manifestText ?? `${JSON.stringify(manifest, null, 2)}\n`);
  const checksumKey = manifestKey.replace(/manifest\.json$/, "manifest.checksum");
  await putBytes(target, manifestKey, manifestBytes);
  await putBytes(target, checksumKey, Buffer.from(`${md5Hex(manifestBytes)}\n`));
  const manifestLocation = target.kind === "dir" ? join(target.root, manifestKey) : `s3://${target.bucket}/${manifestKey}`;
  return { manifestKey, manifest: manifestLocation, dataKeys, rows };
}

/** "2026-11-01T00-00Z": the report folder name S3 uses (scan start, dashes instead of colons). */
export function inventoryFolderName(time: Date): string {
  return `${time.toISOString().slice(0, 16).replace(/:/g, "-")}Z`;
}

/** Form-encodes a key as S3 Inventory writes it: space as "+", unreserved bytes kept, the rest %XX. */
export function encodeInventoryKey(key: string, keepSlash = true): string {
  let out = "";
  for (const byte of Buffer.from(key, "utf8")) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9.*_-]/.test(char) || (keepSlash && char === "/")) out += char;
    else if (char === " ") out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Splits rows into `count` contiguous data files of near-equal size. */
export function splitRows(rows: readonly InventoryRow[], count: number): InventoryRow[][] {
  const size = Math.ceil(rows.length / count);
  return Array.from({ length: count }, (_, index) => rows.slice(index * size, (index + 1) * size));
}

function* csvLines(spec: InventorySpec, rows: Iterable<InventoryRow>, count: () => void): Generator<string> {
  const eol = spec.lineEnding ?? "\n";
  const quoting = spec.quoting ?? "all";
  for (const row of rows) {
    count();
    const fields = spec.fileSchema.map((column) => {
      let value = row[column] ?? "";
      if (column === "Key" && spec.encodeKeys !== false) value = encodeInventoryKey(value, spec.keepSlash ?? true);
      if (quoting === "none") return value;
      if (quoting === "needed" && !/[",\r\n]/.test(value)) return value;
      return `"${value.replace(/"/g, '""')}"`;
    });
    yield fields.join(",") + eol;
  }
}

async function writeDataFile(
  target: InventoryTarget,
  key: string,
  lines: Iterable<string>,
  corrupt: NonNullable<InventorySpec["corrupt"]>["kind"] | undefined,
  gzip: InventorySpec["gzip"],
): Promise<{ size: number; md5: string }> {
  if (target.kind === "dir" && corrupt === undefined && gzip === undefined) return streamGzipToFile(join(target.root, key), lines);
  let body = (gzip ?? gzipSync)(Buffer.from([...lines].join("")));
  if (corrupt === "truncated-gzip") body = body.subarray(0, Math.max(10, Math.floor(body.length / 2)));
  if (corrupt === "not-gzip") body = Buffer.from("this is not gzip data\n");
  const written = { size: body.length, md5: md5Hex(body) };
  if (corrupt !== "missing") await putBytes(target, key, body);
  return written;
}

/** A Parquet data file, broken on purpose when asked; the manifest's MD5 is of the bytes written (but for "md5-mismatch"). */
async function writeParquetFile(target: InventoryTarget, key: string, bytes: Buffer, corrupt: NonNullable<InventorySpec["corrupt"]>["kind"] | undefined): Promise<{ size: number; md5: string }> {
  let body = bytes;
  if (corrupt === "truncated-parquet") body = bytes.subarray(0, Math.floor(bytes.length * 0.6));
  if (corrupt === "parquet-magic") body = Buffer.concat([Buffer.from("PAR2"), bytes.subarray(4)]);
  if (corrupt === "parquet-footer") {
    // Garbage in the footer's Thrift metadata, its length and the closing "PAR1" kept.
    body = Buffer.from(bytes);
    const length = body.readUInt32LE(body.length - 8);
    body.fill(0xff, body.length - 8 - length, body.length - 8 - length + Math.min(length, 24));
  }
  const written = { size: body.length, md5: md5Hex(body) };
  if (corrupt !== "missing") await putBytes(target, key, body);
  return written;
}

/** Streams rows through gzip to disk, so benchmark-sized files never sit in memory. */
async function streamGzipToFile(path: string, lines: Iterable<string>): Promise<{ size: number; md5: string }> {
  await mkdir(dirname(path), { recursive: true });
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(path);
  const hash = createHash("md5");
  let size = 0;
  gzip.on("data", (chunk: Buffer) => {
    hash.update(chunk);
    size += chunk.length;
  });
  gzip.pipe(out);
  let batch = "";
  for (const line of lines) {
    batch += line;
    if (batch.length >= 1 << 20) {
      if (!gzip.write(batch)) await once(gzip, "drain");
      batch = "";
    }
  }
  gzip.end(batch);
  await once(out, "close");
  return { size, md5: hash.digest("hex") };
}

async function putBytes(target: InventoryTarget, key: string, body: Buffer): Promise<void> {
  if (target.kind === "dir") {
    const path = join(target.root, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body);
    return;
  }
  await target.client.send(
    new PutObjectCommand({
      Bucket: target.bucket,
      Key: key,
      Body: body,
      ContentLength: body.length,
      ChecksumSHA256: createHash("sha256").update(body).digest("base64"),
    }),
  );
}

function dataFileId(bucket: string, time: Date, index: number): string {
  const hex = createHash("sha256").update(`${bucket}:${time.toISOString()}:${index}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function md5Hex(bytes: Buffer): string {
  return createHash("md5").update(bytes).digest("hex");
}

function flipHex(hex: string): string {
  return (hex[0] === "0" ? "1" : "0") + hex.slice(1);
}
