/**
 * GitHub JSON for git data: blobs, trees, git commits, refs, repository commits, diffs and contents.
 */
import type { FakeRepository } from "./fake-repository.ts";
import type { FlatFile } from "./git-store.ts";
import { nodeId, stableId, userJson, wrapBase64, type UrlContext } from "./json-common.ts";

export function repoApi(ctx: UrlContext, repo: FakeRepository): string {
  return `${ctx.apiUrl}/repos/${repo.fullName}`;
}

export function blobJson(ctx: UrlContext, repo: FakeRepository, sha: string): Record<string, unknown> {
  const content = repo.git.blob(sha);
  return {
    sha,
    node_id: nodeId("Blob", sha),
    url: `${repoApi(ctx, repo)}/git/blobs/${sha}`,
    size: content.length,
    content: wrapBase64(content),
    encoding: "base64",
  };
}

export function treeJson(ctx: UrlContext, repo: FakeRepository, sha: string, recursive: boolean): Record<string, unknown> {
  const entries: Array<Record<string, unknown>> = [];
  const walk = (treeSha: string, prefix: string): void => {
    for (const entry of repo.git.tree(treeSha)) {
      const path = prefix + entry.name;
      const item: Record<string, unknown> = { path, mode: entry.mode, type: entry.type, sha: entry.sha };
      if (entry.type === "blob") {
        item.size = repo.git.blob(entry.sha).length;
        item.url = `${repoApi(ctx, repo)}/git/blobs/${entry.sha}`;
      } else if (entry.type === "tree") {
        item.url = `${repoApi(ctx, repo)}/git/trees/${entry.sha}`;
      }
      entries.push(item);
      if (recursive && entry.type === "tree") walk(entry.sha, `${path}/`);
    }
  };
  walk(sha, "");
  return { sha, url: `${repoApi(ctx, repo)}/git/trees/${sha}`, tree: entries, truncated: false };
}

export function gitCommitJson(ctx: UrlContext, repo: FakeRepository, sha: string): Record<string, unknown> {
  const commit = repo.git.commit(sha);
  return {
    sha,
    node_id: nodeId("Commit", sha),
    url: `${repoApi(ctx, repo)}/git/commits/${sha}`,
    html_url: `${ctx.htmlUrl}/${repo.fullName}/commit/${sha}`,
    author: { ...commit.author },
    committer: { ...commit.committer },
    tree: { sha: commit.tree, url: `${repoApi(ctx, repo)}/git/trees/${commit.tree}` },
    message: commit.message,
    parents: commit.parents.map((p) => ({
      sha: p,
      url: `${repoApi(ctx, repo)}/git/commits/${p}`,
      html_url: `${ctx.htmlUrl}/${repo.fullName}/commit/${p}`,
    })),
    verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  };
}

export function refJson(ctx: UrlContext, repo: FakeRepository, ref: string): Record<string, unknown> {
  const sha = repo.refs.get(ref) ?? "";
  return {
    ref,
    node_id: nodeId("Ref", `${repo.id}:${ref}`),
    url: `${repoApi(ctx, repo)}/git/${ref}`,
    object: { type: "commit", sha, url: `${repoApi(ctx, repo)}/git/commits/${sha}` },
  };
}

/** The `commit` shape of the Repositories API (get a commit, compare), optionally with its files. */
export function commitJson(ctx: UrlContext, repo: FakeRepository, sha: string, withFiles: boolean): Record<string, unknown> {
  const commit = repo.git.commit(sha);
  const api = repoApi(ctx, repo);
  const json: Record<string, unknown> = {
    sha,
    node_id: nodeId("Commit", sha),
    url: `${api}/commits/${sha}`,
    html_url: `${ctx.htmlUrl}/${repo.fullName}/commit/${sha}`,
    comments_url: `${api}/commits/${sha}/comments`,
    commit: {
      url: `${api}/git/commits/${sha}`,
      author: { ...commit.author },
      committer: { ...commit.committer },
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
      verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
    },
    author: loginFromEmail(commit.author.email) === undefined ? null : userJson(ctx, loginFromEmail(commit.author.email) ?? ""),
    committer: loginFromEmail(commit.committer.email) === undefined ? null : userJson(ctx, loginFromEmail(commit.committer.email) ?? ""),
    parents: commit.parents.map((p) => ({ sha: p, url: `${api}/commits/${p}`, html_url: `${ctx.htmlUrl}/${repo.fullName}/commit/${p}` })),
  };
  if (withFiles) {
    const parent = commit.parents[0];
    const files = diffEntries(ctx, repo, parent === undefined ? undefined : repo.git.commit(parent).tree, commit.tree, sha);
    const additions = files.reduce((n, f) => n + Number(f.additions), 0);
    const deletions = files.reduce((n, f) => n + Number(f.deletions), 0);
    json.stats = { additions, deletions, total: additions + deletions };
    json.files = files;
  }
  return json;
}

export interface FileChange {
  filename: string;
  status: "added" | "removed" | "modified";
  before: FlatFile | undefined;
  after: FlatFile | undefined;
}

/** Files that differ between two trees (undefined = empty tree), sorted by path. */
export function changedFiles(repo: FakeRepository, fromTree: string | undefined, toTree: string): FileChange[] {
  const before = fromTree === undefined ? new Map<string, FlatFile>() : repo.git.flatten(fromTree);
  const after = repo.git.flatten(toTree);
  const changes: FileChange[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(path);
    const b = after.get(path);
    if (a?.sha === b?.sha && a?.mode === b?.mode) continue;
    const status = a === undefined ? "added" : b === undefined ? "removed" : "modified";
    changes.push({ filename: path, status, before: a, after: b });
  }
  return changes.sort((x, y) => (x.filename < y.filename ? -1 : x.filename > y.filename ? 1 : 0));
}

export function diffEntries(
  ctx: UrlContext,
  repo: FakeRepository,
  fromTree: string | undefined,
  toTree: string,
  ref: string,
): Array<Record<string, unknown>> {
  const api = repoApi(ctx, repo);
  return changedFiles(repo, fromTree, toTree).map((change) => {
    const oldLines = change.before === undefined ? [] : lines(repo.git.blob(change.before.sha));
    const newLines = change.after === undefined ? [] : lines(repo.git.blob(change.after.sha));
    const { additions, deletions } = countLineChanges(oldLines, newLines);
    const blobSha = (change.after ?? change.before)?.sha ?? "";
    const path = change.filename.split("/").map(encodeURIComponent).join("/");
    return {
      sha: blobSha,
      filename: change.filename,
      status: change.status,
      additions,
      deletions,
      changes: additions + deletions,
      blob_url: `${ctx.htmlUrl}/${repo.fullName}/blob/${ref}/${path}`,
      raw_url: `${ctx.htmlUrl}/${repo.fullName}/raw/${ref}/${path}`,
      contents_url: `${api}/contents/${path}?ref=${ref}`,
    };
  });
}

function lines(content: Buffer): string[] {
  const text = content.toString("utf8");
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}

/** Lines added and removed, counted as a multiset difference (close to git's numbers for plan files). */
function countLineChanges(before: string[], after: string[]): { additions: number; deletions: number } {
  const remaining = new Map<string, number>();
  for (const line of before) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  let additions = 0;
  for (const line of after) {
    const count = remaining.get(line) ?? 0;
    if (count > 0) remaining.set(line, count - 1);
    else additions += 1;
  }
  const deletions = [...remaining.values()].reduce((n, c) => n + c, 0);
  return { additions, deletions };
}

/** "123+login@users.noreply.github.com" -> "login" (how GitHub links a commit to an account here). */
function loginFromEmail(email: string): string | undefined {
  const match = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(email);
  return match?.[1];
}

export function noreplyEmail(login: string): string {
  return `${stableId(`user:${login}`)}+${login}@users.noreply.github.com`;
}
