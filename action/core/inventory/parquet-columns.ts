/**
 * Which column of a Parquet data file holds each routing column, read from the file's own footer and
 * matched by name (bucket_key_status is BucketKeyStatus), with the types S3 Inventory writes checked:
 * strings are BYTE_ARRAY, IsLatest and IsDeleteMarker BOOLEAN, Size INT64, ObjectLockRetainUntilDate an
 * INT64 timestamp. The footer must also agree with manifest.json's fileSchema. Pure.
 */
import { InventoryDataError } from "../../contracts/errors.ts";
import type { SchemaElement, SchemaTree } from "hyparquet/src/types.js";
import { ROUTING_COLUMNS, type RoutingColumn } from "./inventory-columns.ts";
import { columnKey, csvFieldName, type DeclaredParquetColumn } from "./inventory-schema-text.ts";

/** A flat column the scan decodes. */
export interface ParquetColumnSpec {
  /** The column's name in the file ("bucket_key_status"). */
  name: string;
  /** How the router reads it: byte ranges, or numbers (booleans 1/0, integers, timestamps in ms). */
  kind: "bytes" | "boolean" | "int";
  type: "BYTE_ARRAY" | "BOOLEAN" | "INT64" | "INT32";
  /** OPTIONAL (may hold nulls) rather than REQUIRED. */
  optional: boolean;
  /** Timestamps: the stored unit per millisecond (1 for MILLIS, 1000 for MICROS, 1e6 for NANOS); 1 otherwise. */
  msDivisor: number;
  element: SchemaElement;
  /** The root and the column (hyparquet's decoders take the path). */
  schemaPath: SchemaTree[];
}

export type ParquetColumns = Partial<Record<RoutingColumn, ParquetColumnSpec>>;

const RESYNC = "The data file does not match its manifest.json or is corrupt; re-sync the inventory and run again.";

const EXPECTED: Readonly<Partial<Record<RoutingColumn, ParquetColumnSpec["kind"]>>> = {
  IsLatest: "boolean",
  IsDeleteMarker: "boolean",
  Size: "int",
  ObjectLockRetainUntilDate: "int",
};

const S3_TYPES: Readonly<Record<ParquetColumnSpec["kind"], string>> = {
  bytes: "BYTE_ARRAY (a UTF8 string)",
  boolean: "BOOLEAN",
  int: "INT64",
};

/**
 * The routing columns of a data file whose footer schema is `root` (hyparquet's parquetSchema). Throws
 * InventoryDataError naming `file` when a column has a type S3 Inventory never writes, the schema is not
 * flat, or it disagrees with manifest.json's fileSchema (`declared`).
 */
export function parquetColumns(root: SchemaTree, declared: readonly DeclaredParquetColumn[] | undefined, file: string): ParquetColumns {
  const leaves = root.children;
  const nested = leaves.find((leaf) => leaf.children.length > 0 || leaf.element.type === undefined);
  if (nested) throw new InventoryDataError(file, undefined, `${file}: column "${nested.element.name}" is a nested group, which S3 Inventory reports never have. ${RESYNC}`);
  if (declared !== undefined) checkAgainstManifest(leaves, declared, file);
  const byKey = new Map(leaves.map((leaf) => [columnKey(leaf.element.name), leaf]));
  const columns: ParquetColumns = {};
  for (const column of ROUTING_COLUMNS) {
    const leaf = byKey.get(columnKey(column));
    if (leaf === undefined) continue;
    columns[column] = specOf(root, leaf, EXPECTED[column] ?? "bytes", column, file);
  }
  for (const required of ["Bucket", "Key", "BucketKeyStatus"] as const) {
    if (columns[required] === undefined) {
      const name = required === "BucketKeyStatus" ? "bucket_key_status" : required.toLowerCase();
      throw new InventoryDataError(file, undefined, `${file}: the file has no ${name} column (${required}), which the plan engine needs (found: ${leaves.map((leaf) => leaf.element.name).join(", ")}). ${RESYNC}`);
    }
  }
  return columns;
}

function specOf(root: SchemaTree, leaf: SchemaTree, kind: ParquetColumnSpec["kind"], column: RoutingColumn, file: string): ParquetColumnSpec {
  const element = leaf.element;
  const type = element.type!;
  const fits = kind === "bytes" ? type === "BYTE_ARRAY" : kind === "boolean" ? type === "BOOLEAN" : type === "INT64" || (type === "INT32" && column === "Size");
  if (!fits || element.repetition_type === "REPEATED") {
    const found = `${element.repetition_type === "REPEATED" ? "repeated " : ""}${type}${element.converted_type ? ` (${element.converted_type})` : ""}`;
    throw new InventoryDataError(
      file,
      undefined,
      `${file}: column "${element.name}" (${column}) is ${found}, but S3 Inventory writes it as ${S3_TYPES[kind]}. ${RESYNC}`,
    );
  }
  return {
    name: element.name,
    kind,
    type: type as ParquetColumnSpec["type"],
    optional: element.repetition_type === "OPTIONAL",
    msDivisor: column === "ObjectLockRetainUntilDate" ? timestampDivisor(element) : 1,
    element,
    schemaPath: [root, leaf],
  };
}

/** Stored units per millisecond of an INT64 timestamp; unannotated values are taken as milliseconds. */
function timestampDivisor(element: SchemaElement): number {
  const logical = element.logical_type;
  if (logical?.type === "TIMESTAMP") return logical.unit === "MICROS" ? 1000 : logical.unit === "NANOS" ? 1e6 : 1;
  return element.converted_type === "TIMESTAMP_MICROS" ? 1000 : 1;
}

function checkAgainstManifest(leaves: readonly SchemaTree[], declared: readonly DeclaredParquetColumn[], file: string): void {
  const inFile = new Map(leaves.map((leaf) => [columnKey(leaf.element.name), leaf.element]));
  const inManifest = new Map(declared.map((column) => [columnKey(column.name), column]));
  const onlyManifest = declared.filter((column) => !inFile.has(columnKey(column.name))).map((column) => column.name);
  const onlyFile = leaves.filter((leaf) => !inManifest.has(columnKey(leaf.element.name))).map((leaf) => leaf.element.name);
  if (onlyManifest.length > 0 || onlyFile.length > 0) {
    const parts = [onlyManifest.length > 0 && `only in manifest.json: ${onlyManifest.join(", ")}`, onlyFile.length > 0 && `only in the file: ${onlyFile.join(", ")}`].filter(Boolean);
    throw new InventoryDataError(file, undefined, `${file}: the file's columns differ from manifest.json's fileSchema (${parts.join("; ")}). ${RESYNC}`);
  }
  for (const column of declared) {
    const element = inFile.get(columnKey(column.name))!;
    if (element.type !== column.type) {
      throw new InventoryDataError(
        file,
        undefined,
        `${file}: column "${element.name}" (${csvFieldName(element.name)}) is ${element.type} in the file but ${column.type} in manifest.json's fileSchema. ${RESYNC}`,
      );
    }
  }
}
