/**
 * The completion report in AWS's layout (batch-ops-examples-reports):
 *   <Prefix>/job-<JobId>/manifest.json             top-level index, written last
 *   <Prefix>/job-<JobId>/results/<sha1>.csv         one file for succeeded, one for failed tasks
 * Result rows: bucket,key,versionId,taskStatus,httpStatus,errorCode,"resultMessage" (HTTP status in
 * column 5 and error code in 6, as AWS's sample rows show, although ReportSchema names them the other way).
 */
import { createHash } from "node:crypto";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { BatchJob, TaskResult } from "./batch-job.ts";
import { xmlGet, xmlString } from "./xml-codec.ts";

export const REPORT_SCHEMA = "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage";

export interface ReportObject {
  key: string;
  body: Buffer;
}

export interface ReportLocation {
  bucket: string;
  prefix: string;
  scope: "AllTasks" | "FailedTasksOnly";
}

export function reportLocation(job: BatchJob): ReportLocation | undefined {
  const report = job.request.Report;
  if (xmlString(xmlGet(report, "Enabled")) !== "true") return undefined;
  const bucketArn = xmlString(xmlGet(report, "Bucket")) ?? "";
  return {
    bucket: bucketArn.replace(/^arn:[^:]+:s3:::/, ""),
    prefix: (xmlString(xmlGet(report, "Prefix")) ?? "").replace(/\/+$/, ""),
    scope: xmlString(xmlGet(report, "ReportScope")) === "FailedTasksOnly" ? "FailedTasksOnly" : "AllTasks",
  };
}

/** The report objects for a job's results; manifest.json is the last element. */
export function buildCompletionReport(job: BatchJob, location: ReportLocation, now: Date): ReportObject[] {
  const folder = `${location.prefix === "" ? "" : `${location.prefix}/`}job-${job.jobId}`;
  const groups: Array<["succeeded" | "failed", TaskResult[]]> = [
    ["succeeded", location.scope === "AllTasks" ? job.results.filter((r) => r.outcome.status === "succeeded") : []],
    ["failed", job.results.filter((r) => r.outcome.status === "failed")],
  ];
  const objects: ReportObject[] = [];
  const results: Array<Record<string, string>> = [];
  for (const [status, rows] of groups) {
    if (rows.length === 0) continue;
    const body = Buffer.from(rows.map(resultRow).join(""));
    const name = createHash("sha1").update(`${job.jobId}/${status}`).digest("hex");
    const key = `${folder}/results/${name}.csv`;
    objects.push({ key, body });
    results.push({ TaskExecutionStatus: status, Bucket: location.bucket, MD5Checksum: createHash("md5").update(body).digest("hex"), Key: key });
  }
  const manifest = { Format: "Report_CSV_20180820", ReportCreationDate: now.toISOString(), Results: results, ReportSchema: REPORT_SCHEMA };
  objects.push({ key: `${folder}/manifest.json`, body: Buffer.from(JSON.stringify(manifest)) });
  return objects;
}

export async function writeCompletionReport(s3: S3Client, location: ReportLocation, objects: ReportObject[]): Promise<void> {
  for (const object of objects) {
    await s3.send(new PutObjectCommand({ Bucket: location.bucket, Key: object.key, Body: object.body }));
  }
}

/** One CSV row; the key and version id are written as they appeared in the manifest. */
function resultRow({ task, outcome }: TaskResult): string {
  const message = `"${outcome.resultMessage.replace(/"/g, '""')}"`;
  return `${[task.bucket, csvField(task.rawKey), csvField(task.versionId ?? ""), outcome.status, String(outcome.httpStatus), outcome.errorCode ?? "", message].join(",")}\n`;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
