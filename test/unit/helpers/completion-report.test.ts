import { describe, expect, it } from "vitest";
import type { BatchJob, TaskResult } from "../../helpers/s3-control-server/batch-job.ts";
import { buildCompletionReport } from "../../helpers/s3-control-server/completion-report.ts";
import { decodeManifestKey, parseObjectArn } from "../../helpers/s3-control-server/manifest-reader.ts";

const results: TaskResult[] = [
  { task: { bucket: "data", key: "a b", rawKey: "a%20b", versionId: undefined }, outcome: { status: "succeeded", httpStatus: 200, resultMessage: "Successful" } },
  { task: { bucket: "data", key: "c", rawKey: "c", versionId: undefined }, outcome: { status: "failed", httpStatus: 400, errorCode: "InvalidRequest", resultMessage: 'say "no"' } },
];
const job = { jobId: "job1", results } as unknown as BatchJob;

describe("buildCompletionReport", () => {
  it("writes HTTP status in column 5, error code in 6 and the quoted message with doubled quotes", () => {
    const objects = buildCompletionReport(job, { bucket: "reports", prefix: "r", scope: "AllTasks" }, new Date(0));
    expect(objects.map((o) => o.key.replace(/[0-9a-f]{40}/, "<sha1>"))).toEqual(["r/job-job1/results/<sha1>.csv", "r/job-job1/results/<sha1>.csv", "r/job-job1/manifest.json"]);
    expect(objects[0]?.body.toString()).toBe('data,a%20b,,succeeded,200,,"Successful"\n');
    expect(objects[1]?.body.toString()).toBe('data,c,,failed,400,InvalidRequest,"say ""no"""\n');
  });

  it("writes only the failed tasks for FailedTasksOnly and leaves out an empty prefix", () => {
    const objects = buildCompletionReport(job, { bucket: "reports", prefix: "", scope: "FailedTasksOnly" }, new Date(0));
    const manifest = JSON.parse(objects.at(-1)?.body.toString() ?? "{}") as { Results: Array<{ TaskExecutionStatus: string; Key: string }> };
    expect(manifest.Results.map((r) => r.TaskExecutionStatus)).toEqual(["failed"]);
    expect(manifest.Results[0]?.Key).toMatch(/^job-job1\/results\//);
  });
});

describe("manifest parsing helpers", () => {
  it("decodes URL-encoded manifest keys with + as a space", () => {
    expect(decodeManifestKey("a%2Bb+c%20d")).toBe("a+b c d");
    expect(decodeManifestKey("bad%zz")).toBeUndefined();
  });

  it("splits an object ARN into bucket and key", () => {
    expect(parseObjectArn("arn:aws:s3:::manifests/plans/p1/job-1.csv")).toEqual({ bucket: "manifests", key: "plans/p1/job-1.csv" });
    expect(parseObjectArn("s3://manifests/x")).toBeUndefined();
  });
});
