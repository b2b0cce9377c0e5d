/**
 * Repositories API: the repository, contents at a ref, commits, comparisons and the pull requests
 * associated with a commit.
 */
import { GitHubApiError } from "./github-api-error.ts";
import type { Handler, HandlerContext } from "./handler-context.ts";
import { repositoryJson } from "./json-common.ts";
import { contentFileJson, contentItemJson } from "./json-contents.ts";
import { commitJson, diffEntries } from "./json-git.ts";
import { pullRequestJson } from "./json-pulls.ts";

export const repoHandlers: Record<string, Handler> = {
  "repos/get": ({ repo, urls }) => ({ status: 200, body: repositoryJson(urls, repo) }),

  "repos/get-content": (ctx) => getContent(ctx),

  "repos/get-commit": ({ repo, params, urls }) => {
    const sha = resolveOr(repo, params.ref ?? "", 422);
    return { status: 200, body: commitJson(urls, repo, sha, true) };
  },

  "repos/compare-commits-with-basehead": (ctx) => {
    const basehead = ctx.params.basehead ?? "";
    const match = /^(.+?)(\.\.\.?)(.+)$/.exec(basehead);
    if (match === null) throw GitHubApiError.notFound();
    return compare(ctx, match[1] ?? "", match[3] ?? "", match[2] === "..");
  },

  "repos/compare-commits": (ctx) => compare(ctx, ctx.params.base ?? "", ctx.params.head ?? "", false),

  "repos/list-pull-requests-associated-with-commit": ({ repo, params, urls }) => {
    const sha = resolveOr(repo, params.commit_sha ?? "", 422);
    const onDefault = repo.git.isAncestor(sha, repo.branchSha(repo.defaultBranch) ?? sha);
    // Like GitHub: for a commit on the default branch, the merged pull requests that brought it in;
    // otherwise the open pull requests whose head contains it.
    const pulls = repo.pulls.filter((pull) => {
      if (pull.mergeCommitSha === sha) return true;
      const head = repo.headSha(pull);
      if (head === "" || !repo.git.isAncestor(sha, head)) return false;
      const base = repo.git.mergeBase(repo.baseSha(pull), head);
      const introduced = base === undefined || !repo.git.isAncestor(sha, base);
      return introduced && (onDefault ? pull.mergedAt !== null : pull.state === "open");
    });
    return { status: 200, paginate: pulls.map((p) => pullRequestJson(urls, repo, p, false)) };
  },
};

function getContent(ctx: HandlerContext): ReturnType<Handler> {
  const { repo, params, query, urls, headers } = ctx;
  const ref = query.get("ref") ?? repo.defaultBranch;
  const sha = resolveOr(repo, ref, 404);
  const path = (params.path ?? "").replace(/^\/+|\/+$/g, "");
  let treeSha = repo.git.commit(sha).tree;
  const parts = path === "" ? [] : path.split("/");
  for (const [i, part] of parts.entries()) {
    const entry = repo.git.tree(treeSha).find((e) => e.name === part);
    if (entry === undefined) throw GitHubApiError.notFound();
    if (i === parts.length - 1 && entry.type !== "tree") {
      if (/application\/vnd\.github(?:\.v3)?\.raw/.test(String(headers.accept ?? ""))) {
        return { status: 200, raw: { contentType: "application/vnd.github.raw; charset=utf-8", data: repo.git.blob(entry.sha) } };
      }
      return { status: 200, body: contentFileJson(urls, repo, path, { sha: entry.sha, mode: entry.mode }, ref) };
    }
    if (entry.type !== "tree") throw GitHubApiError.notFound();
    treeSha = entry.sha;
  }
  const items = repo.git.tree(treeSha).map((entry) => {
    const child = path === "" ? entry.name : `${path}/${entry.name}`;
    const type = entry.type === "tree" ? "dir" : entry.type === "commit" ? "submodule" : "file";
    const size = entry.type === "blob" ? repo.git.blob(entry.sha).length : 0;
    return contentItemJson(urls, repo, child, type, entry.sha, size, ref);
  });
  return { status: 200, body: items };
}

function compare(ctx: HandlerContext, baseRef: string, headRef: string, twoDot: boolean): ReturnType<Handler> {
  const { repo, urls } = ctx;
  const base = resolveOr(repo, baseRef, 404);
  const head = resolveOr(repo, headRef, 404);
  const mergeBase = repo.git.mergeBase(base, head);
  if (mergeBase === undefined) throw GitHubApiError.notFound();
  const ahead = repo.git.commitsBetween(base, head);
  const behind = repo.git.commitsBetween(head, base);
  const status = ahead.length === 0 && behind.length === 0 ? "identical" : behind.length === 0 ? "ahead" : ahead.length === 0 ? "behind" : "diverged";
  const from = twoDot ? base : mergeBase;
  const api = `${urls.apiUrl}/repos/${repo.fullName}`;
  const html = `${urls.htmlUrl}/${repo.fullName}`;
  const spec = `${baseRef}...${headRef}`;
  return {
    status: 200,
    body: {
      url: `${api}/compare/${spec}`,
      html_url: `${html}/compare/${spec}`,
      permalink_url: `${html}/compare/${repo.owner}:${base.slice(0, 7)}...${repo.owner}:${head.slice(0, 7)}`,
      diff_url: `${html}/compare/${spec}.diff`,
      patch_url: `${html}/compare/${spec}.patch`,
      base_commit: commitJson(urls, repo, base, false),
      merge_base_commit: commitJson(urls, repo, mergeBase, false),
      status,
      ahead_by: ahead.length,
      behind_by: behind.length,
      total_commits: ahead.length,
      commits: ahead.map((sha) => commitJson(urls, repo, sha, false)),
      files: diffEntries(urls, repo, repo.git.commit(from).tree, repo.git.commit(head).tree, head),
    },
  };
}

function resolveOr(repo: HandlerContext["repo"], commitish: string, status: 404 | 422): string {
  try {
    return repo.resolveCommit(commitish);
  } catch (error) {
    if (status === 404) throw GitHubApiError.notFound();
    throw error;
  }
}
