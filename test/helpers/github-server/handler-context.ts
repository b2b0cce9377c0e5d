/**
 * What an operation handler gets and returns. Handlers are keyed by the OpenAPI operationId.
 */
import type { FakeRepository } from "./fake-repository.ts";
import type { GitIdentity } from "./git-store.ts";
import type { UrlContext } from "./json-common.ts";

export interface HandlerContext {
  urls: UrlContext;
  repo: FakeRepository;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (already validated against the operation's schema). */
  body: Record<string, unknown>;
  /** Request headers (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  /** Login of the token's account. */
  actor: string;
  /** The actor as a git identity dated now. */
  identity(): GitIdentity;
  now(): string;
  nextId(): number;
}

export interface HandlerResult {
  status: number;
  /** A JSON body, or a list the server paginates (per_page/page, Link header). */
  body?: unknown;
  paginate?: unknown[];
  /** A non-JSON body (raw media types). */
  raw?: { contentType: string; data: Buffer };
}

export type Handler = (h: HandlerContext) => HandlerResult;
