/**
 * A loopback S3 Control server (Batch Operations jobs) for end-to-end tests. Speaks the REST-XML
 * protocol of `@aws-sdk/client-s3-control`, checks SigV4 and `x-amz-account-id`, enforces CreateJob's
 * constraints, reads manifests from and writes completion reports to the S3 server it is given, and
 * runs each job's tasks on that server (the objects change as the job says).
 *
 *   const s3 = await startS3Server({ buckets: ["manifests", "reports"] });
 *   const control = await startS3ControlServer({ s3Endpoint: s3.endpoint });
 *   const client = control.client();            // S3ControlClient wired to it (see docs/test-servers.md)
 *   await control.settle();                      // run every job to a terminal status
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient, type S3ControlClientConfig } from "@aws-sdk/client-s3-control";
import { LOCAL_S3_CREDENTIALS, LOCAL_S3_REGION } from "../s3-server.ts";
import { TERMINAL_STATUSES, type BatchJob } from "./batch-job.ts";
import { advanceJob, type TaskOutcomeFunction } from "./job-runner.ts";
import type { JobStore } from "./job-operations.ts";
import { handleS3ControlRequest, type HttpContext, type S3ControlRequestLogEntry, type ThrottleOptions, type ThrottleRule } from "./s3-control-http.ts";
import type { Credentials } from "./sigv4-check.ts";
import { s3TaskOutcome } from "./task-executor.ts";

export type { BatchJob, S3ControlRequestLogEntry, TaskOutcomeFunction, ThrottleOptions };

export interface S3ControlServerOptions {
  /** Endpoint of the S3 server holding manifests and receiving reports (startS3Server().endpoint). */
  s3Endpoint: string;
  /** The account jobs live in; requests for another x-amz-account-id get 403 AccessDenied (default "123456789012"). */
  accountId?: string;
  region?: string;
  /** Credentials requests must be signed with (default: the local S3 server's). */
  credentials?: Credentials;
  /** "describe" (default): each DescribeJob moves its job one step first. "manual": only advance()/settle() do. */
  advanceOn?: "describe" | "manual";
  /** Tasks run per Active step (default: all). */
  tasksPerStep?: number;
  /**
   * Decides each task's outcome instead of running it. Default: run the task on the S3 server with the
   * SDK (UpdateObjectEncryption, CopyObject, ...), so the objects change as the job says.
   */
  taskOutcome?: TaskOutcomeFunction;
  now?: () => Date;
}

export interface S3ControlServer {
  url: string;
  accountId: string;
  region: string;
  stop(): Promise<void>;
  /** An S3ControlClient for this server, built the way an endpoint override must be (see docs/test-servers.md). */
  client(config?: Partial<S3ControlClientConfig>): S3ControlClient;
  /** AWS_ENDPOINT_URL_S3_CONTROL plus the credentials and region the server accepts. */
  env(): Record<string, string>;
  jobs(): BatchJob[];
  job(jobId: string): BatchJob;
  /** Moves one job (or every non-terminal job) one step. */
  advance(jobId: string): Promise<void>;
  advanceAll(): Promise<void>;
  /** Advances a job (default: every job) until it is terminal or Suspended. */
  settle(jobId?: string): Promise<void>;
  /** Replaces the task-outcome function; no argument restores the option's, else running tasks on the S3 server. */
  setTaskOutcome(outcome?: TaskOutcomeFunction): void;
  /** The next `count` matching requests fail with a throttling error before normal service resumes. */
  throttle(count: number, options?: ThrottleOptions): void;
  /** CreateJob answers 403 AccessDenied (with this message) until allowCreateJob(). */
  denyCreateJob(message?: string): void;
  allowCreateJob(): void;
  requests(): S3ControlRequestLogEntry[];
}

export async function startS3ControlServer(options: S3ControlServerOptions): Promise<S3ControlServer> {
  const accountId = options.accountId ?? "123456789012";
  const region = options.region ?? LOCAL_S3_REGION;
  const credentials = options.credentials ?? { ...LOCAL_S3_CREDENTIALS };
  const now = options.now ?? (() => new Date());
  const s3 = new S3Client({ endpoint: options.s3Endpoint, region, forcePathStyle: true, credentials: { ...LOCAL_S3_CREDENTIALS } });
  let taskOutcome = options.taskOutcome ?? s3TaskOutcome(s3);
  const log: S3ControlRequestLogEntry[] = [];
  const throttles: ThrottleRule[] = [];
  let denyCreateJob: string | undefined;
  const queues = new Map<string, Promise<void>>();
  const store: JobStore = {
    jobs: new Map(),
    tokens: new Map(),
    region,
    now,
    advanceOnDescribe: (options.advanceOn ?? "describe") === "describe",
    advance: (job) => {
      const run = (queues.get(job.jobId) ?? Promise.resolve()).then(() =>
        advanceJob(job, { s3, outcome: () => taskOutcome, tasksPerStep: options.tasksPerStep, now }),
      );
      queues.set(job.jobId, run.catch(() => undefined));
      return run;
    },
  };

  const http: HttpContext = { store, credentials, accountId, log, throttles, deniedCreateJob: () => denyCreateJob };
  const server = createServer((req, res) => {
    handleS3ControlRequest(http, req, res).catch((error: unknown) => res.destroy(error instanceof Error ? error : new Error(String(error))));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const jobOf = (jobId: string): BatchJob => {
    const job = store.jobs.get(jobId);
    if (job === undefined) throw new Error(`No Batch Operations job "${jobId}" on the loopback S3 Control server.`);
    return job;
  };
  const settleJob = async (job: BatchJob): Promise<void> => {
    for (let step = 0; step < 20 && !TERMINAL_STATUSES.includes(job.status) && job.status !== "Suspended"; step += 1) await store.advance(job);
  };

  return {
    url,
    accountId,
    region,
    stop: async () => {
      s3.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
    client: (config = {}) =>
      new S3ControlClient({
        region,
        credentials: { ...credentials },
        // The S3 Control endpoint rules put the account id in the host ("123456789012.127.0.0.1" is not a
        // valid URL); with an endpoint override, resolve every operation to the override as given.
        endpointProvider: () => ({ url: new URL(url) }),
        ...config,
      }),
    env: () => ({
      AWS_ENDPOINT_URL_S3_CONTROL: url,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_REGION: region,
    }),
    jobs: () => [...store.jobs.values()],
    job: jobOf,
    advance: (jobId) => store.advance(jobOf(jobId)),
    advanceAll: async () => {
      for (const job of store.jobs.values()) if (!TERMINAL_STATUSES.includes(job.status)) await store.advance(job);
    },
    settle: async (jobId) => {
      for (const job of jobId === undefined ? [...store.jobs.values()] : [jobOf(jobId)]) await settleJob(job);
    },
    setTaskOutcome: (outcome) => {
      taskOutcome = outcome ?? options.taskOutcome ?? s3TaskOutcome(s3);
    },
    throttle: (count, throttle = {}) => {
      for (let i = 0; i < count; i += 1) throttles.push({ code: throttle.code ?? "SlowDown", operations: throttle.operations });
    },
    denyCreateJob: (message = "Access Denied") => {
      denyCreateJob = message;
    },
    allowCreateJob: () => {
      denyCreateJob = undefined;
    },
    requests: () => log.map((e) => ({ ...e })),
  };
}
