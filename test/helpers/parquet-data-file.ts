/**
 * Writes inventory rows as a Parquet data file the way S3 Inventory lays it out: snake_case columns
 * (bucket_key_status), bucket and key REQUIRED, the others OPTIONAL; strings BYTE_ARRAY (UTF8/STRING),
 * IsLatest and IsDeleteMarker BOOLEAN, Size INT64, dates INT64 TIMESTAMP(MILLIS, UTC); Snappy; keys plain
 * (not URL-encoded). Written by a library other than the reader: hyparquet-writer (data pages V2,
 * dictionary or plain per column chunk) or parquet-wasm (arrow-rs: data pages V1, dictionary pages that
 * fall back to plain within a chunk once the dictionary outgrows its limit). Used by inventory-builder.ts.
 */
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import type { InventoryRow } from "./inventory-builder.ts";

export interface ParquetFileOptions {
  /** "hyparquet-writer" (default) or "parquet-wasm". */
  writer?: "hyparquet-writer" | "parquet-wasm";
  /** Rows per row group (hyparquet-writer takes a list: sizes of the first groups, the last repeated). Default 100,000. */
  rowGroupSize?: number | readonly number[];
  /** Target page size in bytes. Default: the writer's (1 MiB). */
  pageSize?: number;
  /** parquet-wasm only: dictionary page size limit, to force the fall back to plain pages. */
  dictionaryPageSizeLimit?: number;
  /** Replace a column's Parquet type (for wrong-type fixtures): its values are written as text. */
  textColumns?: readonly string[];
  /** hyparquet-writer only: the codec (default SNAPPY; GZIP and ZSTD too) and per-field encodings (e.g. DELTA_BYTE_ARRAY for Key). */
  codec?: "SNAPPY" | "GZIP" | "UNCOMPRESSED";
  encodings?: Readonly<Record<string, "PLAIN" | "RLE_DICTIONARY" | "DELTA_BINARY_PACKED" | "DELTA_LENGTH_BYTE_ARRAY" | "DELTA_BYTE_ARRAY">>;
}

type Kind = "string" | "boolean" | "int64" | "timestamp";

const KINDS: Readonly<Record<string, Kind>> = {
  IsLatest: "boolean",
  IsDeleteMarker: "boolean",
  IsMultipartUploaded: "boolean",
  Size: "int64",
  LastModifiedDate: "timestamp",
  ObjectLockRetainUntilDate: "timestamp",
  LifecycleExpirationDate: "timestamp",
};

/** "BucketKeyStatus" -> "bucket_key_status", "ETag" -> "e_tag": the column name S3 gives a field in Parquet and ORC. */
export function snakeCaseColumn(field: string): string {
  return field.replace(/([a-z])([A-Z])/g, "$1_$2").replace(/([A-Z])([A-Z][a-z])/g, "$1_$2").toLowerCase();
}

function kindOf(field: string, options: ParquetFileOptions): Kind {
  return options.textColumns?.includes(field) ? "string" : (KINDS[field] ?? "string");
}

/**
 * manifest.json's fileSchema for these columns, in the form AWS's manifest example shows
 * (`style: "aws"`: "(UTF8)", "(TIMESTAMP_MILLIS)") or the newer one of real reports (`"logical"`: "(STRING)",
 * "(TIMESTAMP(MILLIS,true))", other spacing).
 */
export function parquetMessageType(fileSchema: readonly string[], style: "aws" | "logical" = "aws", options: ParquetFileOptions = {}): string {
  const fields = fileSchema.map((field) => {
    const name = snakeCaseColumn(field);
    const repetition = name === "bucket" || name === "key" ? "required" : "optional";
    const kind = kindOf(field, options);
    const type =
      kind === "string" ? `binary ${name} (${style === "aws" ? "UTF8" : "STRING"})`
      : kind === "boolean" ? `boolean ${name}`
      : kind === "int64" ? `int64 ${name}`
      : `int64 ${name} (${style === "aws" ? "TIMESTAMP_MILLIS" : "TIMESTAMP(MILLIS,true)"})`;
    return `${repetition} ${type};`;
  });
  return style === "aws" ? `message s3.inventory { ${fields.join(" ")}}` : `message s3.inventory {  ${fields.join("  ")}}`;
}

/** A Parquet data file of `rows` (values as the CSV report spells them; "" is null). */
export function parquetDataFile(fileSchema: readonly string[], rows: readonly InventoryRow[], options: ParquetFileOptions = {}): Buffer {
  const columns = fileSchema.map((field) => ({ field, name: snakeCaseColumn(field), kind: kindOf(field, options), values: rows.map((row) => valueOf(row[field] ?? "", kindOf(field, options))) }));
  return options.writer === "parquet-wasm" ? writeWithParquetWasm(columns, options) : writeWithHyparquetWriter(columns, options);
}

type Value = string | boolean | bigint | null;
interface Column {
  field: string;
  name: string;
  kind: Kind;
  values: Value[];
}

function valueOf(text: string, kind: Kind): Value {
  if (text === "") return null;
  if (kind === "boolean") return text.toLowerCase() === "true";
  if (kind === "int64") return BigInt(text);
  if (kind === "timestamp") return BigInt(Date.parse(text));
  return text;
}

function writeWithHyparquetWriter(columns: Column[], options: ParquetFileOptions): Buffer {
  const utf8 = { type: "BYTE_ARRAY", converted_type: "UTF8", logical_type: { type: "STRING" } } as const;
  const timestamp = { type: "INT64", converted_type: "TIMESTAMP_MILLIS", logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" } } as const;
  const schema = [
    { name: "s3.inventory", num_children: columns.length },
    ...columns.map((column) => ({
      name: column.name,
      repetition_type: column.name === "bucket" || column.name === "key" ? "REQUIRED" : "OPTIONAL",
      ...(column.kind === "string" ? utf8 : column.kind === "boolean" ? { type: "BOOLEAN" } : column.kind === "int64" ? { type: "INT64" } : timestamp),
    })),
  ];
  const buffer = parquetWriteBuffer({
    columnData: columns.map((column) => ({ name: column.name, data: column.values, ...(options.encodings?.[column.field] !== undefined && { encoding: options.encodings[column.field] }) })),
    schema: schema as Parameters<typeof parquetWriteBuffer>[0]["schema"],
    codec: options.codec ?? "SNAPPY",
    compressors: { GZIP: (bytes: Uint8Array) => gzipSync(bytes) },
    rowGroupSize: (options.rowGroupSize as number | number[] | undefined) ?? 100_000,
    ...(options.pageSize !== undefined && { pageSize: options.pageSize }),
    createdBy: "bucket-keys tests (hyparquet-writer)",
  });
  return Buffer.from(buffer);
}

function writeWithParquetWasm(columns: Column[], options: ParquetFileOptions): Buffer {
  const require = createRequire(import.meta.url);
  const arrow = require("apache-arrow") as typeof import("apache-arrow");
  const wasm = require("parquet-wasm/node") as typeof import("parquet-wasm/node");
  const fields = columns.map((column) => {
    const type =
      column.kind === "string" ? new arrow.Utf8()
      : column.kind === "boolean" ? new arrow.Bool()
      : column.kind === "int64" ? new arrow.Int64()
      : new arrow.TimestampMillisecond("UTC");
    return new arrow.Field(column.name, type, !(column.name === "bucket" || column.name === "key"));
  });
  const vectors = columns.map((column, index) => {
    const values = column.kind === "timestamp" ? column.values.map((value) => (value === null ? null : Number(value))) : column.values;
    return arrow.vectorFromArray(values as never[], fields[index]!.type);
  });
  const schema = new arrow.Schema(fields);
  const batch = new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(schema.fields), length: columns[0]?.values.length ?? 0, children: vectors.map((vector) => vector.data[0]!) }));
  const table = new arrow.Table(schema, [batch]);
  const rowGroup = Array.isArray(options.rowGroupSize) ? options.rowGroupSize[0]! : (options.rowGroupSize ?? 100_000);
  let properties = new wasm.WriterPropertiesBuilder()
    .setCompression(wasm.Compression.SNAPPY)
    .setMaxRowGroupSize(rowGroup)
    .setWriterVersion(wasm.WriterVersion.V1)
    .setCreatedBy("bucket-keys tests (parquet-wasm)");
  if (options.pageSize !== undefined) properties = properties.setDataPageSizeLimit(options.pageSize);
  if (options.dictionaryPageSizeLimit !== undefined) properties = properties.setDictionaryPageSizeLimit(options.dictionaryPageSizeLimit);
  const bytes = wasm.writeParquet(wasm.Table.fromIPCStream(arrow.tableToIPC(table, "stream")), properties.build());
  return Buffer.from(bytes);
}
