/**
 * Typed errors shared by every surface (CLI, Action, tests).
 *
 * Messages read "<where>: <what is wrong> (<expected> vs <actual>). <what to do>".
 * Recognise errors by class, `name` or `code`, never by message text.
 */

export class BucketKeysError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BucketKeysError";
    this.code = code;
  }
}

/** A CLI flag or Action input is missing or malformed. `input` is its kebab-case name. */
export class InputError extends BucketKeysError {
  readonly input: string;

  constructor(input: string, message: string, options?: { cause?: unknown }) {
    super("INPUT", message, options);
    this.name = "InputError";
    this.input = input;
  }
}

/** A JSON document (inventory manifest.json, plan.json, ...) is unreadable or lacks a field. */
export class ManifestError extends BucketKeysError {
  readonly file: string;
  readonly field: string | undefined;

  constructor(file: string, field: string | undefined, message: string, options?: { cause?: unknown }) {
    super("MANIFEST", message, options);
    this.name = "ManifestError";
    this.file = file;
    this.field = field;
  }
}

/** A plan.json failed validation (schema, id, or a rule the apply step enforces). */
export class PlanError extends BucketKeysError {
  readonly file: string;
  readonly field: string | undefined;

  constructor(file: string, field: string | undefined, message: string, options?: { cause?: unknown }) {
    super("PLAN", message, options);
    this.name = "PlanError";
    this.file = file;
    this.field = field;
  }
}

/** A data file of an inventory is corrupt: bad gzip, wrong column count, malformed key escape. */
export class InventoryDataError extends BucketKeysError {
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, line: number | undefined, message: string, options?: { cause?: unknown }) {
    super("INVENTORY_DATA", message, options);
    this.name = "InventoryDataError";
    this.file = file;
    this.line = line;
  }
}

/** A data file's MD5 does not match `files[].MD5checksum` in the inventory manifest. */
export class ChecksumMismatchError extends BucketKeysError {
  readonly file: string;
  readonly expected: string;
  readonly actual: string;

  /** `message` replaces the data-file wording, e.g. for manifest.json against manifest.checksum. */
  constructor(file: string, expected: string, actual: string, message?: string) {
    super(
      "CHECKSUM_MISMATCH",
      message ??
        `${file}: MD5 mismatch (manifest ${expected}, file ${actual}). ` +
          "The data file changed or was copied incompletely; re-sync the inventory folder and run again.",
    );
    this.name = "ChecksumMismatchError";
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }
}

/** An AWS call failed in a way the user must act on (AccessDenied, NoSuchKey, ...). */
export class AwsCallError extends BucketKeysError {
  readonly operation: string;
  readonly awsCode: string | undefined;

  constructor(operation: string, awsCode: string | undefined, message: string, options?: { cause?: unknown }) {
    super("AWS", message, options);
    this.name = "AwsCallError";
    this.operation = operation;
    this.awsCode = awsCode;
  }
}

/** A GitHub API call failed in a way the user must act on. */
export class GitHubError extends BucketKeysError {
  readonly status: number | undefined;

  constructor(status: number | undefined, message: string, options?: { cause?: unknown }) {
    super("GITHUB", message, options);
    this.name = "GitHubError";
    this.status = status;
  }
}

/** Turns anything thrown into a one-line message. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/** Where an error points, for CLI output and Action annotations. */
export function errorLocation(error: unknown): { file: string; line?: number } | undefined {
  if (error instanceof InventoryDataError) return error.line === undefined ? { file: error.file } : { file: error.file, line: error.line };
  if (error instanceof ManifestError || error instanceof PlanError || error instanceof ChecksumMismatchError) return { file: error.file };
  return undefined;
}
