import { describe, expect, it } from "vitest";
import { addResult, emptyTally, parseResultRecord } from "../../../../../action/core/status/report-results.ts";
import { summarizeJobs, type JobView } from "../../../../../action/core/status/status-summary.ts";

function view(overrides: Partial<JobView>): JobView {
  return {
    jobId: "job-1",
    status: "Active",
    operation: "S3UpdateObjectEncryption",
    bucket: "logs-bucket",
    planId: "0123456789abcdef",
    planJobId: "update-logs-bucket",
    pullRequest: 7,
    totalTasks: 200,
    succeededTasks: 50,
    failedTasks: 0,
    failureReasons: [],
    report: undefined,
    reportNote: undefined,
    ...overrides,
  };
}

describe("summarizeJobs", () => {
  it("shows progress of running jobs with a console link and does not fail them", () => {
    const summary = summarizeJobs([view({})], "eu-west-1");
    expect(summary.markdown).toContain("[job-1](https://eu-west-1.console.aws.amazon.com/s3/jobs/job-1?region=eu-west-1)");
    expect(summary.markdown).toContain("50 / 200 (25%)");
    expect(summary.failedJobs).toEqual([]);
    expect(summary.finished).toBe(false);
  });

  it("fails a completed job with failed tasks and lists them by error code with advice", () => {
    const report = emptyTally();
    addResult(report, parseResultRecord(["logs-bucket", "a|b.txt", "", "failed", "403", "AccessDenied", "kms:Decrypt denied"])!);
    const summary = summarizeJobs([view({ status: "Complete", succeededTasks: 199, failedTasks: 1, report })], "us-east-1");
    expect(summary.failedJobs).toEqual(["job-1"]);
    expect(summary.finished).toBe(true);
    expect(summary.markdown).toContain("Complete with failures");
    expect(summary.markdown).toContain("| `AccessDenied` | 403 | 1 |");
    expect(summary.markdown).toContain("a\\|b.txt");
  });

  it("fails a job S3 marked Failed and shows its failure reasons", () => {
    const summary = summarizeJobs([view({ status: "Failed", failureReasons: [{ code: "ManifestNotFound", reason: "manifest missing" }] })], "us-east-1");
    expect(summary.failedJobs).toEqual(["job-1"]);
    expect(summary.markdown).toContain("`ManifestNotFound`: manifest missing");
  });

  it("passes when every job completed without failed tasks", () => {
    const summary = summarizeJobs([view({ status: "Complete", succeededTasks: 200, report: emptyTally() })], "us-east-1");
    expect(summary.failedJobs).toEqual([]);
    expect(summary.markdown).toContain("All jobs completed without failed tasks.");
  });
});
