/**
 * Carries typed errors from scan workers back to the main thread: structured clone keeps only plain
 * data, so errors travel as records and are rebuilt as the same classes.
 */
import {
  AwsCallError,
  BucketKeysError,
  ChecksumMismatchError,
  InputError,
  InventoryDataError,
  ManifestError,
} from "../../contracts/errors.ts";

export interface ErrorRecord {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, string | number | undefined>;
}

export function toErrorRecord(error: unknown): ErrorRecord {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), fields: {} };
  const fields: Record<string, string | number | undefined> = {};
  for (const key of ["code", "file", "line", "field", "expected", "actual", "operation", "awsCode", "input"]) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (typeof value === "string" || typeof value === "number") fields[key] = value;
  }
  return { name: error.name, message: error.message, ...(error.stack !== undefined && { stack: error.stack }), fields };
}

export function fromErrorRecord(record: ErrorRecord): Error {
  const f = record.fields;
  const text = (key: string) => (typeof f[key] === "string" ? (f[key] as string) : undefined);
  let error: Error;
  switch (record.name) {
    case "InventoryDataError":
      error = new InventoryDataError(text("file") ?? "", typeof f.line === "number" ? f.line : undefined, record.message);
      break;
    case "ChecksumMismatchError":
      error = new ChecksumMismatchError(text("file") ?? "", text("expected") ?? "", text("actual") ?? "", record.message);
      break;
    case "ManifestError":
      error = new ManifestError(text("file") ?? "", text("field"), record.message);
      break;
    case "AwsCallError":
      error = new AwsCallError(text("operation") ?? "", text("awsCode"), record.message);
      break;
    case "InputError":
      error = new InputError(text("input") ?? "", record.message);
      break;
    case "BucketKeysError":
      error = new BucketKeysError(text("code") ?? "ERROR", record.message);
      break;
    default:
      error = new Error(record.message);
      error.name = record.name;
  }
  if (record.stack !== undefined) error.stack = record.stack;
  return error;
}
