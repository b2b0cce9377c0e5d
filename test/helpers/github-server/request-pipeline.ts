/**
 * One request through the loopback GitHub: route against GitHub's REST description (404 when no
 * operation matches), authenticate, check write permission, validate parameters and the JSON body
 * (422), run the handler, paginate and log.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeRepository } from "./fake-repository.ts";
import { GitHubApiError } from "./github-api-error.ts";
import type { Handler } from "./handler-context.ts";
import { gitHandlers } from "./handlers-git.ts";
import { pullHandlers } from "./handlers-pulls.ts";
import { repoHandlers } from "./handlers-repos.ts";
import { isoSeconds, type UrlContext } from "./json-common.ts";
import { noreplyEmail } from "./json-git.ts";
import { matchRoute } from "./openapi-spec.ts";
import { toFieldErrors, validateBody, validateParameters } from "./openapi-validator.ts";

const HANDLERS: Record<string, Handler> = { ...gitHandlers, ...repoHandlers, ...pullHandlers };
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

export interface TokenGrant {
  login: string;
  canWrite: boolean;
}

export interface RequestLogEntry {
  /** Set when the request got an injected failure (rateLimit(), serverError()) instead of being handled. */
  fault?: FaultKind;
  method: string;
  /** Path and query as received, e.g. "/repos/acme/data/pulls?state=open". */
  url: string;
  operationId: string | undefined;
  status: number;
  actor: string | undefined;
  body: unknown;
}

export type FaultKind = "secondary-rate-limit" | "primary-rate-limit" | "server-error";

/** A failure the next matching requests get instead of being handled (a test control). */
export interface FaultRule {
  kind: FaultKind;
  left: number;
  /** operationIds it applies to (e.g. "pulls/create"); default: every operation. */
  operations: readonly string[] | undefined;
  status: number;
  retryAfterSeconds: number | undefined;
}

export interface ServerState {
  faults: FaultRule[];
  urls: UrlContext;
  repos: Map<string, FakeRepository>;
  tokens: Map<string, TokenGrant>;
  log: RequestLogEntry[];
  nextId(): number;
  now(): Date;
}

export const IMPLEMENTED_OPERATIONS: readonly string[] = Object.keys(HANDLERS);

export async function handleRequest(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", state.urls.apiUrl);
  const raw = await readBody(req);
  const entry: RequestLogEntry = { method, url: `${url.pathname}${url.search}`, operationId: undefined, status: 0, actor: undefined, body: undefined };
  state.log.push(entry);
  let documentationUrl = "https://docs.github.com/rest";
  try {
    const match = matchRoute(method, url.pathname);
    if (match === undefined) throw GitHubApiError.notFound();
    entry.operationId = match.operationId;
    documentationUrl = match.documentationUrl;
    const grant = authenticate(state, req.headers.authorization);
    entry.actor = grant.login;
    const fault = state.faults.find((rule) => rule.left > 0 && (rule.operations === undefined || rule.operations.includes(match.operationId)));
    if (fault !== undefined) {
      fault.left--;
      entry.fault = fault.kind;
      entry.status = fault.status;
      sendFault(res, fault, documentationUrl, state.now());
      return;
    }
    if (method !== "GET" && method !== "HEAD" && !grant.canWrite) {
      throw new GitHubApiError(403, "Resource not accessible by integration");
    }
    const body = parseJson(raw);
    entry.body = body;
    const problems = [...validateParameters(match, url.searchParams), ...validateBody(match, body)];
    if (problems.length > 0) {
      const details = problems.map((p) => p.message).join("\n");
      throw GitHubApiError.unprocessable(`Invalid request.\n\n${details}`, toFieldErrors(resourceName(match.operationId), problems));
    }
    const handler = HANDLERS[match.operationId];
    if (handler === undefined) {
      throw new GitHubApiError(501, `The loopback GitHub server does not implement ${match.operationId} (${method} ${match.template}).`);
    }
    const repo = state.repos.get(`${match.pathParams.owner ?? ""}/${match.pathParams.repo ?? ""}`.toLowerCase());
    if (repo === undefined) throw GitHubApiError.notFound();
    const result = handler({
      urls: state.urls,
      repo,
      params: match.pathParams,
      query: url.searchParams,
      body: (body ?? {}) as Record<string, unknown>,
      headers: req.headers,
      actor: grant.login,
      identity: () => ({ name: grant.login, email: noreplyEmail(grant.login), date: isoSeconds(state.now()) }),
      now: () => isoSeconds(state.now()),
      nextId: () => state.nextId(),
    });
    entry.status = result.status;
    if (result.raw !== undefined) {
      res.writeHead(result.status, { "content-type": result.raw.contentType, ...commonHeaders() });
      res.end(result.raw.data);
      return;
    }
    const payload = result.paginate === undefined ? result.body : paginate(result.paginate, url, state.urls.apiUrl, res);
    sendJson(res, result.status, payload);
  } catch (error) {
    const apiError = error instanceof GitHubApiError ? error : new GitHubApiError(500, `Loopback GitHub server error: ${String(error)}`);
    entry.status = apiError.status;
    sendJson(res, apiError.status, apiError.body(documentationUrl));
  }
}

function authenticate(state: ServerState, authorization: string | undefined): TokenGrant {
  if (authorization === undefined) throw new GitHubApiError(401, "Requires authentication");
  const token = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization.trim())?.[1];
  const grant = token === undefined ? undefined : state.tokens.get(token);
  if (grant === undefined) throw new GitHubApiError(401, "Bad credentials");
  return grant;
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new GitHubApiError(400, "Problems parsing JSON");
  }
}

/** Slices a list by per_page/page and sets GitHub's Link header (first, prev, next, last). */
function paginate(items: unknown[], url: URL, apiUrl: string, res: ServerResponse): unknown[] {
  const perPage = Math.min(Math.max(Number(url.searchParams.get("per_page") ?? DEFAULT_PER_PAGE) || DEFAULT_PER_PAGE, 1), MAX_PER_PAGE);
  const page = Math.max(Number(url.searchParams.get("page") ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (n: number, rel: string): string => {
    const target = new URL(`${url.pathname}${url.search}`, apiUrl);
    target.searchParams.set("per_page", String(perPage));
    target.searchParams.set("page", String(n));
    return `<${target.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"), link(1, "first"));
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (links.length > 0) res.setHeader("link", links.join(", "));
  return items.slice((page - 1) * perPage, page * perPage);
}

/** GitHub's answers for its rate limits ("Rate limits for the REST API") and for a failing backend. */
function sendFault(res: ServerResponse, fault: FaultRule, documentationUrl: string, now: Date): void {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", ...commonHeaders() };
  let message = "Server Error";
  if (fault.kind === "secondary-rate-limit") {
    message = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.";
    if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
    Object.assign(headers, { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4990", "x-ratelimit-used": "10" });
    documentationUrl = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";
  } else if (fault.kind === "primary-rate-limit") {
    message = "API rate limit exceeded for installation ID 1000.";
    const reset = Math.ceil(now.getTime() / 1000) + (fault.retryAfterSeconds ?? 60);
    Object.assign(headers, { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "0", "x-ratelimit-used": "5000", "x-ratelimit-reset": String(reset) });
    documentationUrl = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits";
  }
  res.writeHead(fault.status, headers);
  res.end(JSON.stringify({ message, documentation_url: documentationUrl, status: String(fault.status) }));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, commonHeaders());
    res.end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...commonHeaders() });
  res.end(JSON.stringify(body));
}

function commonHeaders(): Record<string, string> {
  return { "x-github-media-type": "github.v3; format=json", "x-github-api-version-selected": "2022-11-28" };
}

function resourceName(operationId: string): string {
  const area = operationId.split("/")[0] ?? "";
  return { pulls: "PullRequest", issues: "IssueComment", git: "Git", repos: "Repository" }[area] ?? area;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
