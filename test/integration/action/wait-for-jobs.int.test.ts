/**
 * apply's optional wait, against the loopback S3 Control server: polls DescribeJob with growing
 * pauses until the jobs end, or stops at the time limit. The clock and the pauses are injected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryLogger } from "../../../action/contracts/logger.ts";
import { POLL_FIRST_SECONDS, waitForJobs } from "../../../action/use-cases/wait-for-jobs.ts";
import { BatchJobClient } from "../../../action/io/aws/batch-job-client.ts";
import { startS3ControlServer, type S3ControlServer } from "../../helpers/s3-control-server/s3-control-server.ts";
import { startS3Server, type LocalS3Server } from "../../helpers/s3-server.ts";
import { ACCOUNT_ID, createJobInput, uploadManifest } from "../s3-control-helpers.ts";

let s3: LocalS3Server;
const servers: S3ControlServer[] = [];

beforeAll(async () => {
  s3 = await startS3Server({ buckets: ["manifests", "reports", "data"] });
});

afterAll(async () => {
  for (const server of servers) await server.stop();
  await s3?.stop();
});

async function jobOn(advanceOn: "describe" | "manual"): Promise<{ jobs: BatchJobClient; jobId: string }> {
  const control = await startS3ControlServer({ s3Endpoint: s3.endpoint, advanceOn });
  servers.push(control);
  const etag = await uploadManifest(s3.client(), `m/${advanceOn}.csv`, "data,a\ndata,b\n");
  const jobs = new BatchJobClient(control.client(), ACCOUNT_ID);
  const jobId = await jobs.createJob(createJobInput(etag, { Manifest: { Spec: { Format: "S3BatchOperations_CSV_20180820", Fields: ["Bucket", "Key"] }, Location: { ObjectArn: `arn:aws:s3:::manifests/m/${advanceOn}.csv`, ETag: etag } } }), "test job");
  return { jobs, jobId };
}

function fakeClock() {
  let now = 0;
  const pauses: number[] = [];
  return { pauses, now: () => now, sleep: async (milliseconds: number) => void (pauses.push(milliseconds), (now += milliseconds)) };
}

describe("waitForJobs", () => {
  it("polls with growing pauses until every job ends and reports the final status", async () => {
    const { jobs, jobId } = await jobOn("describe");
    const clock = fakeClock();
    const logger = memoryLogger();
    const markdown = await waitForJobs([jobId], 30, "us-east-1", { jobs, logger, sleep: clock.sleep, now: clock.now });
    expect(markdown).toContain(`[${jobId}]`);
    expect(markdown).toMatch(/\| Complete with failures \||\| Complete \|/);
    expect(clock.pauses[0]).toBe(POLL_FIRST_SECONDS * 1000);
    expect(clock.pauses[1]!).toBeGreaterThan(clock.pauses[0]!);
    expect(logger.lines.some((line) => line.message.startsWith(`Job ${jobId}: Active`) || line.message.startsWith(`Job ${jobId}: Complete`))).toBe(true);
  });

  it("stops at the time limit while jobs still run, without failing", async () => {
    const { jobs, jobId } = await jobOn("manual");
    const clock = fakeClock();
    const logger = memoryLogger();
    const markdown = await waitForJobs([jobId], 2, "us-east-1", { jobs, logger, sleep: clock.sleep, now: clock.now });
    expect(clock.now()).toBe(2 * 60_000);
    expect(markdown).toContain("Jobs are still running");
    expect(logger.lines.at(-1)!.message).toBe("Stopped waiting after 2 minute(s); the status workflow reports the rest.");
  });
});
