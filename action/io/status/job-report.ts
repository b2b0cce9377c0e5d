/**
 * Reads an S3 Batch Operations completion report: `<prefix>/job-<id>/manifest.json`, then each
 * failed-tasks results CSV it lists, streamed through csv-parse and tallied by error code (never held
 * in memory). Succeeded-task files are not read: the job's progress counters already give that count.
 */
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { parse } from "csv-parse";
import { z } from "zod";
import { AwsCallError } from "../../contracts/errors.ts";
import { addResult, emptyTally, parseResultRecord, type ReportTally } from "../../core/status/report-results.ts";
import { awsErrorInfo, isAccessDenied, isNotFound } from "../aws/aws-error.ts";

const reportManifestSchema = z.object({
  Format: z.string().optional(),
  ReportCreationDate: z.string().optional(),
  Results: z.array(z.object({ TaskExecutionStatus: z.string(), Bucket: z.string(), Key: z.string(), MD5Checksum: z.string().optional() })),
});

export interface JobReportLocation {
  /** Bucket name or `arn:aws:s3:::bucket`, as DescribeJob returns it. */
  bucket: string;
  prefix: string | undefined;
  jobId: string;
}

export type JobReportResult =
  | { kind: "read"; tally: ReportTally; manifestKey: string; warnings: string[] }
  | { kind: "missing"; manifestKey: string };

export function reportManifestKey(location: JobReportLocation): string {
  const prefix = (location.prefix ?? "").replace(/\/+$/, "");
  return `${prefix ? `${prefix}/` : ""}job-${location.jobId}/manifest.json`;
}

/** Reads and tallies the report; `missing` when S3 wrote none (no task ran, or reports are off). */
export async function readJobReport(s3: S3Client, location: JobReportLocation): Promise<JobReportResult> {
  const bucket = location.bucket.replace(/^arn:[^:]+:s3:::/, "");
  const manifestKey = reportManifestKey(location);
  let manifestText: string;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: manifestKey }));
    manifestText = (await object.Body?.transformToString("utf-8")) ?? "";
  } catch (error) {
    if (isNotFound(awsErrorInfo(error))) return { kind: "missing", manifestKey };
    throw reportError(error, bucket, manifestKey);
  }
  let manifest: z.infer<typeof reportManifestSchema>;
  try {
    manifest = reportManifestSchema.parse(JSON.parse(manifestText));
  } catch (error) {
    throw new AwsCallError("GetObject", undefined, `s3://${bucket}/${manifestKey}: not a completion report manifest (${error instanceof SyntaxError ? "not JSON" : "no Results list"}).`, { cause: error });
  }
  const tally = emptyTally();
  const warnings: string[] = [];
  for (const result of manifest.Results) {
    if (result.TaskExecutionStatus.toLowerCase() !== "failed") continue;
    const warning = await tallyResultsFile(s3, result.Bucket.replace(/^arn:[^:]+:s3:::/, ""), result.Key, result.MD5Checksum, tally);
    if (warning) warnings.push(warning);
  }
  return { kind: "read", tally, manifestKey, warnings };
}

/** Tallies one results CSV; returns a warning when its MD5 differs from the report manifest's (AWS does not document that field's exact meaning, so this does not fail the read). */
async function tallyResultsFile(s3: S3Client, bucket: string, key: string, md5: string | undefined, tally: ReportTally): Promise<string | undefined> {
  let body: Readable;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    body = object.Body as Readable;
  } catch (error) {
    throw reportError(error, bucket, key);
  }
  const hash = createHash("md5");
  body.on("data", (chunk: Buffer) => hash.update(chunk));
  const parser = body.pipe(parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: true }));
  body.on("error", (error) => parser.destroy(error));
  for await (const record of parser as AsyncIterable<string[]>) {
    const result = parseResultRecord(record);
    if (result) addResult(tally, result);
  }
  const actual = hash.digest("hex");
  if (md5 !== undefined && md5 !== "" && md5.toLowerCase() !== actual) {
    return `s3://${bucket}/${key}: MD5 differs from the report manifest (${md5} vs ${actual}); the counts may be incomplete.`;
  }
  return undefined;
}

function reportError(error: unknown, bucket: string, key: string): AwsCallError {
  const info = awsErrorInfo(error);
  const hint = isAccessDenied(info) ? ` The workflow's AWS credentials need s3:GetObject on arn:aws:s3:::${bucket}/<report prefix>/* (the executor role of the Pulumi stack has it).` : "";
  return new AwsCallError("GetObject", info.name, `s3://${bucket}/${key}: cannot read the completion report (${info.name ?? "error"}: ${info.message}).${hint}`, { cause: error });
}
