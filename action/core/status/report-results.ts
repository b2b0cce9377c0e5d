/**
 * Completion report rows of an S3 Batch Operations job, and their tally. Pure.
 *
 * A results CSV row is Bucket, Key, VersionId, TaskStatus, then the HTTP status and the error code in
 * an order AWS's own samples contradict (the ReportSchema string says ErrorCode, HTTPStatusCode; real
 * rows put the number first), then ResultMessage. Columns 5 and 6 are told apart by content: the
 * three-digit number is the HTTP status.
 */

export interface TaskResult {
  bucket: string;
  key: string;
  versionId: string;
  status: "succeeded" | "failed";
  httpStatus: number | undefined;
  errorCode: string;
  message: string;
}

/** Classifies one parsed CSV record; `undefined` for a record that isn't a result row. */
export function parseResultRecord(fields: readonly string[]): TaskResult | undefined {
  if (fields.length < 4) return undefined;
  const status = (fields[3] ?? "").trim().toLowerCase();
  if (status !== "succeeded" && status !== "failed") return undefined;
  const fifth = (fields[4] ?? "").trim();
  const sixth = (fields[5] ?? "").trim();
  const numeric = (value: string) => /^\d{3}$/.test(value);
  const [http, code] = numeric(fifth) ? [fifth, sixth] : numeric(sixth) ? [sixth, fifth] : ["", fifth || sixth];
  return {
    bucket: fields[0] ?? "",
    key: fields[1] ?? "",
    versionId: fields[2] ?? "",
    status,
    httpStatus: http === "" ? undefined : Number(http),
    errorCode: code,
    message: fields.slice(6).join(",").trim(),
  };
}

export interface FailureGroup {
  errorCode: string;
  httpStatus: number | undefined;
  count: number;
  /** The first result message seen for this code. */
  message: string;
  /** Up to MAX_SAMPLE_KEYS keys, as the report wrote them. */
  sampleKeys: string[];
}

export interface ReportTally {
  succeeded: number;
  failed: number;
  failures: Map<string, FailureGroup>;
}

export const MAX_SAMPLE_KEYS = 3;

export function emptyTally(): ReportTally {
  return { succeeded: 0, failed: 0, failures: new Map() };
}

/** Adds one result to the tally (mutates and returns it; the tally holds counts, never rows). */
export function addResult(tally: ReportTally, result: TaskResult): ReportTally {
  if (result.status === "succeeded") {
    tally.succeeded += 1;
    return tally;
  }
  tally.failed += 1;
  const code = result.errorCode || (result.httpStatus === undefined ? "Unknown" : `HTTP ${result.httpStatus}`);
  const group = tally.failures.get(code) ?? { errorCode: code, httpStatus: result.httpStatus, count: 0, message: result.message, sampleKeys: [] };
  group.count += 1;
  if (group.sampleKeys.length < MAX_SAMPLE_KEYS) group.sampleKeys.push(result.versionId ? `${result.key} (version ${result.versionId})` : result.key);
  tally.failures.set(code, group);
  return tally;
}

/** Failure groups, largest first. */
export function failureGroups(tally: ReportTally): FailureGroup[] {
  return [...tally.failures.values()].sort((a, b) => b.count - a.count || a.errorCode.localeCompare(b.errorCode));
}
