/**
 * A loopback S3 Control server (Batch Operations jobs) for end-to-end tests. Speaks the REST-XML
 * protocol of `@aws-sdk/client-s3-control`, checks SigV4 and `x-amz-account-id`, enforces CreateJob's
 * constraints, reads manifests from and writes completion reports to the S3 server it is given.
 *
 *   const s3 = await startS3Server({ buckets: ["manifests", "reports"] });
 *   const control = await startS3ControlServer({ s3Endpoint: s3.endpoint });
 *   const client = control.client();            // S3ControlClient wired to it (see docs/test-servers.md)
 *   await control.settle();                      // run every job to a terminal status
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient, type S3ControlClientConfig } from "@aws-sdk/client-s3-control";
import { LOCAL_S3_CREDENTIALS, LOCAL_S3_REGION } from "../s3-server.ts";
import { TERMINAL_STATUSES, type BatchJob } from "./batch-job.ts";
import { advanceJob, objectExistsOutcome, type TaskOutcomeFunction } from "./job-runner.ts";
import { createJob, deleteJobTagging, describeJob, getJobTagging, listJobs, putJobTagging, updateJobPriority, updateJobStatus, type JobStore, type OperationResult } from "./job-operations.ts";
import { errorXml, S3ControlError } from "./s3-control-error.ts";
import { verifySigV4, type Credentials } from "./sigv4-check.ts";
import { buildResponseXml } from "./xml-codec.ts";

export type { BatchJob, TaskOutcomeFunction };

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
  /** Decides each task's outcome (default: succeed when the object exists in the S3 server, else 404 NoSuchKey). */
  taskOutcome?: TaskOutcomeFunction;
  now?: () => Date;
}

export interface S3ControlRequestLogEntry {
  operation: string;
  method: string;
  url: string;
  accountId: string | undefined;
  status: number;
  errorCode: string | undefined;
  body: string;
}

export interface ThrottleOptions {
  /** "SlowDown" (503, default) or "TooManyRequestsException" (400). */
  code?: "SlowDown" | "TooManyRequestsException";
  /** Only throttle these operations (default: all). */
  operations?: string[];
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
  /** Replaces the task-outcome function; no argument restores the default (object exists in the S3 server). */
  setTaskOutcome(outcome?: TaskOutcomeFunction): void;
  /** The next `count` matching requests fail with a throttling error before normal service resumes. */
  throttle(count: number, options?: ThrottleOptions): void;
  /** CreateJob answers 403 AccessDenied (with this message) until allowCreateJob(). */
  denyCreateJob(message?: string): void;
  allowCreateJob(): void;
  requests(): S3ControlRequestLogEntry[];
}

const ROUTE = /^\/v20180820\/jobs(?:\/([^/]+)(?:\/(status|priority|tagging))?)?\/?$/;

export async function startS3ControlServer(options: S3ControlServerOptions): Promise<S3ControlServer> {
  const accountId = options.accountId ?? "123456789012";
  const region = options.region ?? LOCAL_S3_REGION;
  const credentials = options.credentials ?? { ...LOCAL_S3_CREDENTIALS };
  const now = options.now ?? (() => new Date());
  const s3 = new S3Client({ endpoint: options.s3Endpoint, region, forcePathStyle: true, credentials: { ...LOCAL_S3_CREDENTIALS } });
  let taskOutcome = options.taskOutcome ?? objectExistsOutcome(s3);
  const log: S3ControlRequestLogEntry[] = [];
  const throttles: Array<{ code: "SlowDown" | "TooManyRequestsException"; operations: string[] | undefined }> = [];
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

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const requestId = Math.random().toString(36).slice(2, 18).toUpperCase();
      const route = ROUTE.exec(url.pathname);
      const operation = operationName(req.method ?? "GET", route);
      const entry: S3ControlRequestLogEntry = {
        operation,
        method: req.method ?? "GET",
        url: `${url.pathname}${url.search}`,
        accountId: headerValue(req, "x-amz-account-id"),
        status: 0,
        errorCode: undefined,
        body: body.toString("utf8"),
      };
      log.push(entry);
      let result: OperationResult;
      try {
        const throttle = throttles.findIndex((t) => t.operations === undefined || t.operations.includes(operation));
        if (throttle !== -1) {
          const code = throttles.splice(throttle, 1)[0]?.code;
          throw code === "SlowDown"
            ? new S3ControlError(503, "SlowDown", "Please reduce your request rate.")
            : new S3ControlError(400, "TooManyRequestsException", "Too many requests; slow down and retry.");
        }
        const host = req.headers.host ?? "127.0.0.1";
        await verifySigV4(credentials, { method: req.method ?? "GET", url: new URL(`${url.pathname}${url.search}`, `http://${host}`), headers: req.headers, body });
        const account = entry.accountId;
        if (account === undefined) throw S3ControlError.invalidRequest("Missing required header for this request: x-amz-account-id");
        if (account !== accountId) throw new S3ControlError(403, "AccessDenied", "Access Denied");
        if (operation === "CreateJob" && denyCreateJob !== undefined) throw new S3ControlError(403, "AccessDenied", denyCreateJob);
        result = await dispatch(store, operation, account, route?.[1] ?? "", url.searchParams, body.toString("utf8"));
      } catch (error) {
        const failure = error instanceof S3ControlError ? error : new S3ControlError(500, "InternalError", `Loopback S3 Control server error: ${String(error)}`);
        entry.status = failure.status;
        entry.errorCode = failure.code;
        res.writeHead(failure.status, { "content-type": "application/xml", "x-amz-request-id": requestId });
        res.end(errorXml(failure, requestId));
        return;
      }
      entry.status = result.status;
      res.writeHead(result.status, { "content-type": "application/xml", "x-amz-request-id": requestId });
      res.end(result.root === undefined ? "" : buildResponseXml(result.root, result.content ?? {}));
    })().catch((error: unknown) => res.destroy(error instanceof Error ? error : new Error(String(error))));
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
      taskOutcome = outcome ?? options.taskOutcome ?? objectExistsOutcome(s3);
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

function operationName(method: string, route: RegExpExecArray | null): string {
  if (route === null) return "Unknown";
  const [, id, sub] = route;
  if (id === undefined) return method === "POST" ? "CreateJob" : method === "GET" ? "ListJobs" : "Unknown";
  if (sub === undefined) return method === "GET" ? "DescribeJob" : "Unknown";
  if (sub === "status") return method === "POST" ? "UpdateJobStatus" : "Unknown";
  if (sub === "priority") return method === "POST" ? "UpdateJobPriority" : "Unknown";
  return { GET: "GetJobTagging", PUT: "PutJobTagging", DELETE: "DeleteJobTagging" }[method] ?? "Unknown";
}

async function dispatch(store: JobStore, operation: string, account: string, jobId: string, query: URLSearchParams, body: string): Promise<OperationResult> {
  switch (operation) {
    case "CreateJob":
      return createJob(store, account, body);
    case "ListJobs":
      return listJobs(store, account, query);
    case "DescribeJob":
      return describeJob(store, account, jobId);
    case "UpdateJobStatus":
      return updateJobStatus(store, account, jobId, query);
    case "UpdateJobPriority":
      return updateJobPriority(store, account, jobId, query);
    case "GetJobTagging":
      return getJobTagging(store, account, jobId);
    case "PutJobTagging":
      return putJobTagging(store, account, jobId, body);
    case "DeleteJobTagging":
      return deleteJobTagging(store, account, jobId);
    default:
      throw new S3ControlError(501, "NotImplemented", "The loopback S3 Control server implements only the Batch Operations job API (/v20180820/jobs...).");
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
