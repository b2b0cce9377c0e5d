/**
 * An S3 Inventory report's manifest.json: parsed, checked, and turned into what the scan needs.
 * Pure: takes the bytes and a display name for messages.
 */
import { ManifestError } from "../../contracts/errors.ts";
import { SUPPORTED_INVENTORY_FORMATS, type InventoryFormat } from "../../contracts/inventory-fields.ts";
import { csvFieldName, parseOrcStructType, parseParquetMessageType, type DeclaredParquetColumn } from "./inventory-schema-text.ts";

export interface InventoryDataFile {
  /** Relative to the destination bucket (and to the local sync root). */
  key: string;
  size: number;
  md5: string;
}

export interface InventoryManifest {
  sourceBucket: string;
  /** creationTimestamp: when the scan behind the report started. */
  creationTime: Date;
  fileFormat: InventoryFormat;
  /** The columns, named as a CSV fileSchema names them (a Parquet inventory's snake_case names mapped). */
  fileSchema: string[];
  /** Parquet: the fields of the message type, which every data file's footer must match. */
  parquetColumns?: DeclaredParquetColumn[];
  files: InventoryDataFile[];
}

const RESYNC = "Point --inventory at a complete manifest.json written by S3 Inventory (re-sync it if it was copied).";

/** Parses manifest.json bytes; throws ManifestError naming `file` and the field at fault. */
export function parseInventoryManifest(bytes: Uint8Array | string, file: string): InventoryManifest {
  const text = typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(file, undefined, `${file}: not valid JSON (${(error as Error).message}). ${RESYNC}`);
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new ManifestError(file, undefined, `${file}: expected a JSON object with sourceBucket, fileFormat, fileSchema and files. ${RESYNC}`);
  }
  const doc = json as Record<string, unknown>;
  const field = (name: string, check: (value: unknown) => boolean, expected: string): unknown => {
    const value = doc[name];
    if (value === undefined) throw new ManifestError(file, name, `${file}: required field "${name}" is missing. ${RESYNC}`);
    if (!check(value)) throw new ManifestError(file, name, `${file}: field "${name}" should be ${expected} (found ${JSON.stringify(value)}). ${RESYNC}`);
    return value;
  };
  const isText = (value: unknown) => typeof value === "string" && value.length > 0;

  const sourceBucket = field("sourceBucket", isText, "a bucket name") as string;
  const timestamp = field("creationTimestamp", (v) => typeof v === "string" && /^\d{10,16}$/.test(v), 'epoch milliseconds as a string, like "1514944800000"');
  const fileFormat = field("fileFormat", isText, '"CSV" or "Parquet"') as string;
  if (!(SUPPORTED_INVENTORY_FORMATS as readonly string[]).includes(fileFormat) && fileFormat !== "ORC") {
    throw new ManifestError(
      file,
      "fileFormat",
      `${file}: fileFormat is "${fileFormat}", but bucket-keys reads only ${SUPPORTED_INVENTORY_FORMATS.join(" and ")} inventories. ` +
        "Set the inventory configuration's output format to CSV or Parquet and plan from its next report.",
    );
  }
  const schemaText = field("fileSchema", isText, SCHEMA_EXAMPLES[fileFormat] ?? SCHEMA_EXAMPLES.CSV!) as string;
  if (fileFormat === "ORC") throw orcError(file, schemaText);
  let fileSchema: string[];
  let parquetColumns: DeclaredParquetColumn[] | undefined;
  if (fileFormat === "Parquet") {
    const parsed = parseParquetMessageType(schemaText);
    if (!Array.isArray(parsed)) throw new ManifestError(file, "fileSchema", `${file}: fileSchema of this Parquet inventory: ${parsed.problem} (found ${JSON.stringify(schemaText)}). ${RESYNC}`);
    parquetColumns = parsed;
    fileSchema = parsed.map((column) => csvFieldName(column.name));
  } else {
    fileSchema = schemaText.split(",").map((column) => column.trim());
  }
  const found = (parquetColumns?.map((column) => column.name) ?? fileSchema).join(", ");
  const seen = new Set<string>();
  for (const column of fileSchema) {
    if (column === "") throw new ManifestError(file, "fileSchema", `${file}: fileSchema "${schemaText}" has an empty column name. ${RESYNC}`);
    if (seen.has(column.toLowerCase())) throw new ManifestError(file, "fileSchema", `${file}: fileSchema lists column "${column}" twice. ${RESYNC}`);
    seen.add(column.toLowerCase());
  }
  for (const required of ["Bucket", "Key"]) {
    if (!seen.has(required.toLowerCase())) {
      throw new ManifestError(file, "fileSchema", `${file}: fileSchema lacks the ${required} column (found: ${found}). ${RESYNC}`);
    }
  }
  if (!seen.has("bucketkeystatus")) {
    throw new ManifestError(
      file,
      "fileSchema",
      `${file}: fileSchema lacks BucketKeyStatus${parquetColumns ? " (bucket_key_status)" : ""} (found: ${found}). ` +
        "Add the optional field BucketKeyStatus to the inventory configuration and plan from its next report.",
    );
  }

  const filesRaw = field("files", (v) => Array.isArray(v), "a list of data files") as unknown[];
  const files = filesRaw.map((entry, index): InventoryDataFile => {
    const where = `files[${index}]`;
    const item = (entry ?? {}) as Record<string, unknown>;
    const key = item.key;
    const md5 = item.MD5checksum;
    const size = item.size;
    if (typeof key !== "string" || key.length === 0 || key.split("/").includes("..")) {
      throw new ManifestError(file, `${where}.key`, `${file}: field "${where}.key" should be the data file's key (found ${JSON.stringify(key)}). ${RESYNC}`);
    }
    if (typeof md5 !== "string" || !/^[0-9a-fA-F]{32}$/.test(md5)) {
      throw new ManifestError(file, `${where}.MD5checksum`, `${file}: field "${where}.MD5checksum" should be 32 hex characters (found ${JSON.stringify(md5)}). ${RESYNC}`);
    }
    if (size !== undefined && (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0)) {
      throw new ManifestError(file, `${where}.size`, `${file}: field "${where}.size" should be a byte count (found ${JSON.stringify(size)}). ${RESYNC}`);
    }
    return { key, size: (size as number | undefined) ?? -1, md5: md5.toLowerCase() };
  });

  return {
    sourceBucket,
    creationTime: new Date(Number(timestamp)),
    fileFormat: fileFormat as InventoryFormat,
    fileSchema,
    ...(parquetColumns !== undefined && { parquetColumns }),
    files,
  };
}

const SCHEMA_EXAMPLES: Readonly<Record<string, string>> = {
  CSV: 'a comma-separated list of columns, like "Bucket, Key, BucketKeyStatus"',
  Parquet: 'a Parquet message type, like "message s3.inventory { required binary bucket (UTF8); required binary key (UTF8); ... }"',
  ORC: 'an ORC struct type, like "struct<bucket:string,key:string,...>"',
};

/** ORC reports cannot be read: there is no maintained ORC reader for JavaScript. Says what to change. */
function orcError(file: string, schemaText: string): ManifestError {
  const parsed = parseOrcStructType(schemaText);
  const columns = Array.isArray(parsed) ? new Set(parsed.map((name) => name.toLowerCase())) : undefined;
  const lacking = columns && ["encryption_status", "bucket_key_status"].filter((name) => !columns.has(name)).map(csvFieldName);
  const fields = lacking && lacking.length > 0 ? `, with the optional fields ${lacking.join(" and ")},` : "";
  return new ManifestError(
    file,
    "fileFormat",
    `${file}: fileFormat is "ORC", which bucket-keys cannot read (there is no maintained ORC reader for JavaScript). ` +
      `Give the bucket an inventory configuration in CSV or Parquet format${fields} and plan from its first report; ` +
      `with this project's Pulumi program: pulumi config set --path 'buckets[<n>].inventory.format' Parquet (n: the bucket's place in bucket-keys:buckets), then pulumi up.`,
  );
}
