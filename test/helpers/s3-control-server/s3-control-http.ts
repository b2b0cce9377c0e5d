/**
 * One request to the loopback S3 Control server: injected throttling, SigV4 and account checks,
 * injected AccessDenied, then the job operation; errors in S3 Control's XML shape; every request logged.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  createJob,
  deleteJobTagging,
  describeJob,
  getJobTagging,
  listJobs,
  putJobTagging,
  updateJobPriority,
  updateJobStatus,
  type JobStore,
  type OperationResult,
} from "./job-operations.ts";
import { errorXml, S3ControlError } from "./s3-control-error.ts";
import { verifySigV4, type Credentials } from "./sigv4-check.ts";
import { buildResponseXml } from "./xml-codec.ts";

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

export interface ThrottleRule {
  code: "SlowDown" | "TooManyRequestsException";
  operations: string[] | undefined;
}

export interface HttpContext {
  store: JobStore;
  credentials: Credentials;
  accountId: string;
  log: S3ControlRequestLogEntry[];
  /** Pending injected throttling responses, consumed first-match. */
  throttles: ThrottleRule[];
  /** The AccessDenied message CreateJob answers with, when denied. */
  deniedCreateJob(): string | undefined;
}

const ROUTE = /^\/v20180820\/jobs(?:\/([^/]+)(?:\/(status|priority|tagging))?)?\/?$/;

export async function handleS3ControlRequest(http: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const requestId = Math.random().toString(36).slice(2, 18).toUpperCase();
  const route = ROUTE.exec(url.pathname);
  const operation = operationName(method, route);
  const header = req.headers["x-amz-account-id"];
  const entry: S3ControlRequestLogEntry = {
    operation,
    method,
    url: `${url.pathname}${url.search}`,
    accountId: Array.isArray(header) ? header[0] : header,
    status: 0,
    errorCode: undefined,
    body: body.toString("utf8"),
  };
  http.log.push(entry);
  let result: OperationResult;
  try {
    const throttle = http.throttles.findIndex((t) => t.operations === undefined || t.operations.includes(operation));
    if (throttle !== -1) {
      const code = http.throttles.splice(throttle, 1)[0]?.code;
      throw code === "SlowDown"
        ? new S3ControlError(503, "SlowDown", "Please reduce your request rate.")
        : new S3ControlError(400, "TooManyRequestsException", "Too many requests; slow down and retry.");
    }
    const signedUrl = new URL(`${url.pathname}${url.search}`, `http://${req.headers.host ?? "127.0.0.1"}`);
    await verifySigV4(http.credentials, { method, url: signedUrl, headers: req.headers, body });
    const account = entry.accountId;
    if (account === undefined) throw S3ControlError.invalidRequest("Missing required header for this request: x-amz-account-id");
    if (account !== http.accountId) throw new S3ControlError(403, "AccessDenied", "Access Denied");
    const denied = http.deniedCreateJob();
    if (operation === "CreateJob" && denied !== undefined) throw new S3ControlError(403, "AccessDenied", denied);
    result = await dispatch(http.store, operation, account, route?.[1] ?? "", url.searchParams, body.toString("utf8"));
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

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
