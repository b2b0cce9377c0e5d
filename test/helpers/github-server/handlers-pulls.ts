/**
 * Pulls API (create, get, list with head/base/state filters, update, files, commits) and issue
 * comments (create, list, get, update), with GitHub's validation errors.
 */
import type { PullRequestRecord } from "./fake-repository.ts";
import { GitHubApiError } from "./github-api-error.ts";
import type { Handler, HandlerContext } from "./handler-context.ts";
import { commitJson, diffEntries } from "./json-git.ts";
import { issueCommentJson, pullRequestJson } from "./json-pulls.ts";

export const pullHandlers: Record<string, Handler> = {
  "pulls/create": (ctx) => {
    const { repo, body, urls } = ctx;
    const head = branchName(String(body.head), repo.owner);
    const base = String(body.base);
    const invalid = (field: string): GitHubApiError => GitHubApiError.validationFailed([{ resource: "PullRequest", field, code: "invalid" }]);
    if (repo.branchSha(base) === undefined) throw invalid("base");
    const headSha = head === undefined ? undefined : repo.branchSha(head);
    if (head === undefined || headSha === undefined) throw invalid("head");
    if (body.title === undefined && body.issue === undefined) {
      throw GitHubApiError.validationFailed([{ resource: "PullRequest", field: "title", code: "missing_field" }]);
    }
    if (repo.git.commitsBetween(repo.branchSha(base), headSha).length === 0) {
      throw custom(`No commits between ${base} and ${head}`);
    }
    if (repo.pulls.some((p) => p.state === "open" && p.headRef === head && p.baseRef === base)) {
      throw custom(`A pull request already exists for ${repo.owner}:${head}.`);
    }
    const now = ctx.now();
    const pull: PullRequestRecord = {
      number: repo.allocateNumber(),
      id: ctx.nextId(),
      title: String(body.title ?? `Issue #${String(body.issue)}`),
      body: (body.body as string | undefined) ?? null,
      state: "open",
      draft: body.draft === true,
      maintainerCanModify: body.maintainer_can_modify !== false,
      headRef: head,
      baseRef: base,
      closedHeadSha: undefined,
      closedBaseSha: undefined,
      user: ctx.actor,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      mergedAt: null,
      mergeCommitSha: null,
      mergedBy: null,
    };
    repo.pulls.push(pull);
    return { status: 201, body: pullRequestJson(urls, repo, pull, true) };
  },

  "pulls/get": ({ repo, params, urls }) => ({ status: 200, body: pullRequestJson(urls, repo, repo.pull(Number(params.pull_number)), true) }),

  "pulls/list": ({ repo, query, urls }) => {
    const state = query.get("state") ?? "open";
    const headFilter = query.get("head");
    const baseFilter = query.get("base");
    const sort = query.get("sort") ?? "created";
    // GitHub: desc when sorting by creation (the default), asc otherwise.
    const direction = query.get("direction") ?? (sort === "created" ? "desc" : "asc");
    let pulls = repo.pulls.filter((p) => state === "all" || p.state === state);
    // GitHub only honours head as "owner:branch"; a bare branch name is silently ignored.
    if (headFilter !== null && headFilter.includes(":")) {
      const [owner, ref] = [headFilter.slice(0, headFilter.indexOf(":")), headFilter.slice(headFilter.indexOf(":") + 1)];
      pulls = pulls.filter((p) => owner.toLowerCase() === repo.owner.toLowerCase() && p.headRef === ref);
    }
    if (baseFilter !== null) pulls = pulls.filter((p) => p.baseRef === baseFilter);
    const key = (p: PullRequestRecord): string => (sort === "updated" ? p.updatedAt : p.createdAt) + String(p.number).padStart(9, "0");
    pulls = [...pulls].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    if (direction === "desc") pulls.reverse();
    return { status: 200, paginate: pulls.map((p) => pullRequestJson(urls, repo, p, false)) };
  },

  "pulls/update": (ctx) => {
    const { repo, params, body, urls } = ctx;
    const pull = repo.pull(Number(params.pull_number));
    if (body.base !== undefined && repo.branchSha(String(body.base)) === undefined) {
      throw GitHubApiError.validationFailed([{ resource: "PullRequest", field: "base", code: "invalid" }]);
    }
    if (body.state === "open" && pull.state === "closed") {
      if (pull.mergedAt !== null) throw custom("Cannot reopen a merged pull request");
      if (repo.branchSha(pull.headRef) === undefined) throw custom("Cannot reopen a pull request whose head branch was deleted");
      pull.state = "open";
      pull.closedAt = null;
      pull.closedHeadSha = undefined;
      pull.closedBaseSha = undefined;
    } else if (body.state === "closed" && pull.state === "open") {
      pull.closedHeadSha = repo.headSha(pull);
      pull.closedBaseSha = repo.baseSha(pull);
      pull.state = "closed";
      pull.closedAt = ctx.now();
    }
    if (body.title !== undefined) pull.title = String(body.title);
    if (body.body !== undefined) pull.body = body.body as string | null;
    if (body.base !== undefined) pull.baseRef = String(body.base);
    if (body.maintainer_can_modify !== undefined) pull.maintainerCanModify = body.maintainer_can_modify === true;
    pull.updatedAt = ctx.now();
    return { status: 200, body: pullRequestJson(urls, repo, pull, true) };
  },

  "pulls/list-files": ({ repo, params, urls }) => {
    const pull = repo.pull(Number(params.pull_number));
    const head = repo.headSha(pull);
    const base = repo.git.mergeBase(repo.baseSha(pull), head);
    const from = base === undefined ? undefined : repo.git.commit(base).tree;
    return { status: 200, paginate: diffEntries(urls, repo, from, repo.git.commit(head).tree, head) };
  },

  "pulls/list-commits": ({ repo, params, urls }) => {
    const pull = repo.pull(Number(params.pull_number));
    const head = repo.headSha(pull);
    const commits = repo.git.commitsBetween(repo.git.mergeBase(repo.baseSha(pull), head), head);
    return { status: 200, paginate: commits.map((sha) => commitJson(urls, repo, sha, false)) };
  },

  "issues/create-comment": (ctx) => {
    const { repo, params, body, urls } = ctx;
    const issueNumber = Number(params.issue_number);
    repo.pull(issueNumber);
    const now = ctx.now();
    const comment = { id: ctx.nextId(), issueNumber, body: String(body.body), user: ctx.actor, createdAt: now, updatedAt: now };
    repo.comments.push(comment);
    return { status: 201, body: issueCommentJson(urls, repo, comment) };
  },

  "issues/list-comments": ({ repo, params, query, urls }) => {
    const issueNumber = Number(params.issue_number);
    repo.pull(issueNumber);
    const since = query.get("since");
    const comments = repo.comments.filter((c) => c.issueNumber === issueNumber && (since === null || Date.parse(c.updatedAt) >= Date.parse(since)));
    return { status: 200, paginate: comments.map((c) => issueCommentJson(urls, repo, c)) };
  },

  "issues/get-comment": ({ repo, params, urls }) => ({ status: 200, body: issueCommentJson(urls, repo, findComment(repo, params)) }),

  "issues/update-comment": (ctx) => {
    const comment = findComment(ctx.repo, ctx.params);
    comment.body = String(ctx.body.body);
    comment.updatedAt = ctx.now();
    return { status: 200, body: issueCommentJson(ctx.urls, ctx.repo, comment) };
  },
};

function findComment(repo: HandlerContext["repo"], params: Record<string, string>): HandlerContext["repo"]["comments"][number] {
  const comment = repo.comments.find((c) => c.id === Number(params.comment_id));
  if (comment === undefined) throw GitHubApiError.notFound();
  return comment;
}

/** "owner:branch" or "branch" -> branch (undefined when the owner is another account: no forks here). */
function branchName(head: string, owner: string): string | undefined {
  const colon = head.indexOf(":");
  if (colon === -1) return head;
  return head.slice(0, colon).toLowerCase() === owner.toLowerCase() ? head.slice(colon + 1) : undefined;
}

function custom(message: string): GitHubApiError {
  return GitHubApiError.validationFailed([{ resource: "PullRequest", code: "custom", message }]);
}
