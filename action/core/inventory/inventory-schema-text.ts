/**
 * manifest.json's `fileSchema` in each format S3 Inventory writes, turned into column names as the plan
 * engine spells them (the CSV field names: "BucketKeyStatus"). Pure.
 *
 * - CSV: a comma-separated list of field names, "Bucket, Key, VersionId, ...".
 * - Parquet: a Parquet message type, "message s3.inventory { required binary bucket (UTF8); optional int64
 *   size; optional int64 last_modified_date (TIMESTAMP_MILLIS); ...}" as AWS's manifest example shows it;
 *   reports seen in the wild spell the annotations the newer way, "(STRING)", "(TIMESTAMP(MILLIS,true))",
 *   with other spacing. Only the repetition, type and name of each field are read.
 * - ORC: a struct type, "struct<bucket:string,key:string,size:bigint,...>".
 * Parquet and ORC name columns in snake_case (bucket_key_status); csvFieldName maps them.
 */

/** One field of a Parquet message type as manifest.json declares it. */
export interface DeclaredParquetColumn {
  /** As in the file, e.g. "bucket_key_status". */
  name: string;
  /** The physical type as the footer names it: "BYTE_ARRAY", "BOOLEAN", "INT64", ... */
  type: string;
  repetition: "REQUIRED" | "OPTIONAL" | "REPEATED";
}

const PHYSICAL_TYPES: Readonly<Record<string, string>> = {
  binary: "BYTE_ARRAY",
  boolean: "BOOLEAN",
  int32: "INT32",
  int64: "INT64",
  int96: "INT96",
  float: "FLOAT",
  double: "DOUBLE",
  fixed_len_byte_array: "FIXED_LEN_BYTE_ARRAY",
};

/** "e_tag" -> "ETag", "bucket_key_status" -> "BucketKeyStatus": the CSV field name of a snake_case column. */
export function csvFieldName(column: string): string {
  return column
    .split("_")
    .map((part) => (part === "" ? "" : part[0]!.toUpperCase() + part.slice(1)))
    .join("");
}

/** The form names compare in: lower case, without underscores ("BucketKeyStatus" and "bucket_key_status" agree). */
export function columnKey(name: string): string {
  return name.trim().toLowerCase().replace(/_/g, "");
}

/**
 * The fields of a Parquet message type, or a reason it cannot be read. Flat schemas only: S3 Inventory's
 * columns are all primitive; a nested group is reported as unreadable.
 */
export function parseParquetMessageType(text: string): DeclaredParquetColumn[] | { problem: string } {
  const body = /^\s*message\s+[^\s{]+\s*\{([\s\S]*)\}\s*$/i.exec(text);
  if (!body) return { problem: 'expected a Parquet message type like "message s3.inventory { required binary bucket (UTF8); ... }"' };
  const columns: DeclaredParquetColumn[] = [];
  for (const raw of body[1]!.split(";")) {
    const field = raw.trim();
    if (field === "") continue;
    // <repetition> <type>[(length)] <name> [(<annotation>)] [= <field id>]
    const match = /^(required|optional|repeated)\s+([a-z_0-9]+)(?:\s*\(\s*\d+\s*\))?\s+([^\s(=]+)\s*(?:\(.*\))?\s*(?:=\s*\d+)?$/i.exec(field);
    const type = match ? PHYSICAL_TYPES[match[2]!.toLowerCase()] : undefined;
    if (!match || type === undefined) return { problem: `cannot read the field "${field}" (nested groups are not S3 Inventory columns)` };
    columns.push({ name: match[3]!, type, repetition: match[1]!.toUpperCase() as DeclaredParquetColumn["repetition"] });
  }
  if (columns.length === 0) return { problem: "the message type lists no fields" };
  return columns;
}

/** Field names of an ORC struct type ("struct<bucket:string,key:string>"), or a reason it cannot be read. */
export function parseOrcStructType(text: string): string[] | { problem: string } {
  const body = /^\s*struct\s*<([\s\S]*)>\s*$/i.exec(text);
  if (!body) return { problem: 'expected an ORC struct type like "struct<bucket:string,key:string,...>"' };
  const names: string[] = [];
  for (const field of body[1]!.split(",")) {
    const name = /^\s*([^:\s]+)\s*:/.exec(field)?.[1];
    if (name === undefined) return { problem: "cannot read its fields (expected name:type pairs)" };
    names.push(name);
  }
  return names;
}
