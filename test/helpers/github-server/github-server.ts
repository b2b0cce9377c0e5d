/**
 * A loopback GitHub REST server for end-to-end tests: in-memory repositories behind GitHub's
 * published REST description. Works with `@actions/github`'s `getOctokit(token, { baseUrl: url })`
 * or with `GITHUB_API_URL=url`.
 *
 *   const github = await startGitHubServer();
 *   github.seedRepo("acme/data", { "README.md": "hello" });
 *   const octokit = getOctokit(github.token, { baseUrl: github.url });
 *   ...
 *   const push = github.mergePullRequest("acme/data", 1);   // the push event GitHub would send
 *   await github.stop();
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeRepository, type IssueCommentRecord, type PullRequestRecord } from "./fake-repository.ts";
import { isoSeconds, stableId } from "./json-common.ts";
import { noreplyEmail } from "./json-git.ts";
import { matchRoute } from "./openapi-spec.ts";
import { mergePull, pushPayload, type MergeOptions, type PushEventPayload } from "./push-event.ts";
import { handleRequest, type FaultRule, type RequestLogEntry, type ServerState, type TokenGrant } from "./request-pipeline.ts";

export type { MergeOptions, PushEventPayload, RequestLogEntry };

export interface GitHubServerOptions {
  /** Tokens with read and write access (default: ["ghs_loopback_write"]). */
  tokens?: string[];
  /** Tokens that can read but get 403 "Resource not accessible by integration" on writes (default: ["ghs_loopback_read"]). */
  readOnlyTokens?: string[];
  /** Login the tokens act as (default "github-actions[bot]"). */
  actor?: string;
  /** Root of html_url fields (default "https://github.com"). */
  htmlUrl?: string;
  /** Clock for timestamps (default: the real clock). */
  now?: () => Date;
}

export interface SeedOptions {
  defaultBranch?: string;
  message?: string;
}

export interface GitHubServer {
  /** API root, e.g. "http://127.0.0.1:41234"; pass as baseUrl or GITHUB_API_URL. */
  url: string;
  /** The first read-write token. */
  token: string;
  /** The first read-only token. */
  readOnlyToken: string;
  stop(): Promise<void>;
  /** Creates "owner/name" with one commit holding `files` on the default branch (default "main"). */
  seedRepo(fullName: string, files: Record<string, string | Buffer>, options?: SeedOptions): { headSha: string };
  /** Commits files onto a branch (null deletes a file), like a direct push; returns the push event. */
  pushFiles(fullName: string, branch: string, files: Record<string, string | Buffer | null>, message?: string): PushEventPayload;
  /** Merges an open pull request like the web UI and returns the push event for the base branch. */
  mergePullRequest(fullName: string, number: number, options?: MergeOptions): PushEventPayload;
  /** Branch name -> head sha. */
  branches(fullName: string): Record<string, string>;
  /** Every file at a branch, tag or sha, decoded as UTF-8. */
  filesAt(fullName: string, ref: string): Record<string, string>;
  pullRequests(fullName: string): PullRequestRecord[];
  comments(fullName: string, issueNumber?: number): IssueCommentRecord[];
  /** Every request received, oldest first. */
  requests(): RequestLogEntry[];
  /** Requests with a method other than GET/HEAD that matched a REST operation and were handled (any outcome; injected failures left out). */
  writeCount(): number;
  /**
   * The next `count` requests (of `operations`, operationIds such as "pulls/create"; default all) get
   * GitHub's rate-limit answer instead of being handled: a secondary limit (403, "You have exceeded a
   * secondary rate limit", `retry-after` when given) or, with `primary`, a primary one (403,
   * `x-ratelimit-remaining: 0`, `x-ratelimit-reset` `retryAfterSeconds` from now).
   */
  rateLimit(count: number, options?: { primary?: boolean; retryAfterSeconds?: number; status?: 403 | 429; operations?: string[] }): void;
  /** The next `count` requests (of `operations`; default all) get a 5xx (default 502) instead of being handled. */
  serverError(count: number, options?: { status?: number; operations?: string[] }): void;
  /** Drops the injected failures not used up yet. */
  clearFaults(): void;
}

export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  matchRoute("GET", "/"); // load the REST description before the first request is timed by a client
  const actor = options.actor ?? "github-actions[bot]";
  const writeTokens = options.tokens ?? ["ghs_loopback_write"];
  const readTokens = options.readOnlyTokens ?? ["ghs_loopback_read"];
  const tokens = new Map<string, TokenGrant>();
  for (const t of writeTokens) tokens.set(t, { login: actor, canWrite: true });
  for (const t of readTokens) tokens.set(t, { login: actor, canWrite: false });
  let lastId = 1000;
  const state: ServerState = {
    faults: [],
    urls: { apiUrl: "", htmlUrl: options.htmlUrl ?? "https://github.com" },
    repos: new Map(),
    tokens,
    log: [],
    nextId: () => ++lastId,
    now: options.now ?? (() => new Date()),
  };
  const server = createServer((req, res) => {
    handleRequest(state, req, res).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.urls.apiUrl = url;

  const repoOf = (fullName: string): FakeRepository => {
    const repo = state.repos.get(fullName.toLowerCase());
    if (repo === undefined) throw new Error(`No repository "${fullName}" on the loopback GitHub server; call seedRepo("${fullName}", files) first.`);
    return repo;
  };
  const now = (): string => isoSeconds(state.now());

  return {
    url,
    token: writeTokens[0] ?? "",
    readOnlyToken: readTokens[0] ?? "",
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
    seedRepo(fullName, files, seed = {}) {
      const [owner, name] = fullName.split("/");
      if (owner === undefined || name === undefined || fullName.split("/").length !== 2) {
        throw new Error(`seedRepo: "${fullName}" is not a repository name like "acme/data".`);
      }
      const branch = seed.defaultBranch ?? "main";
      const repo = new FakeRepository(owner, name, stableId(`repo:${fullName}`), branch, now());
      state.repos.set(fullName.toLowerCase(), repo);
      const identity = { name: owner, email: noreplyEmail(owner), date: now() };
      return { headSha: repo.commitFiles(branch, files, seed.message ?? "Initial commit", identity) };
    },
    pushFiles(fullName, branch, files, message = "Update files") {
      const repo = repoOf(fullName);
      const before = repo.branchSha(branch) ?? "";
      const since = before === "" ? (repo.branchSha(repo.defaultBranch) ?? "") : before;
      const after = repo.commitFiles(branch, files, message, { name: repo.owner, email: noreplyEmail(repo.owner), date: now() });
      return pushPayload(state.urls, repo, branch, before, after, repo.owner, new Set(), since);
    },
    mergePullRequest(fullName, number, merge = {}) {
      const repo = repoOf(fullName);
      return mergePull(state.urls, repo, repo.pull(number), merge, now());
    },
    branches(fullName) {
      const repo = repoOf(fullName);
      const result: Record<string, string> = {};
      for (const [ref, sha] of repo.refs) if (ref.startsWith("refs/heads/")) result[ref.slice("refs/heads/".length)] = sha;
      return result;
    },
    filesAt(fullName, ref) {
      const repo = repoOf(fullName);
      const tree = repo.git.commit(repo.resolveCommit(ref)).tree;
      const result: Record<string, string> = {};
      for (const [path, file] of repo.git.flatten(tree)) result[path] = repo.git.blob(file.sha).toString("utf8");
      return result;
    },
    pullRequests: (fullName) => repoOf(fullName).pulls.map((p) => ({ ...p })),
    comments: (fullName, issueNumber) =>
      repoOf(fullName)
        .comments.filter((c) => issueNumber === undefined || c.issueNumber === issueNumber)
        .map((c) => ({ ...c })),
    requests: () => state.log.map((e) => ({ ...e })),
    writeCount: () => state.log.filter((e) => e.method !== "GET" && e.method !== "HEAD" && e.operationId !== undefined && e.fault === undefined).length,
    rateLimit: (count, limit = {}) => {
      const rule: FaultRule = { kind: limit.primary ? "primary-rate-limit" : "secondary-rate-limit", left: count, operations: limit.operations, status: limit.status ?? 403, retryAfterSeconds: limit.retryAfterSeconds };
      state.faults.push(rule);
    },
    clearFaults: () => void state.faults.splice(0),
    serverError: (count, failure = {}) => {
      state.faults.push({ kind: "server-error", left: count, operations: failure.operations, status: failure.status ?? 502, retryAfterSeconds: undefined });
    },
  };
}
