/**
 * Git Database API: blobs, trees, commits and refs, with GitHub's rules (base_tree merges, deletion
 * by `sha: null`, fast-forward check on ref updates unless `force`).
 */
import { GitHubApiError } from "./github-api-error.ts";
import type { FlatFile } from "./git-store.ts";
import type { Handler, HandlerContext } from "./handler-context.ts";
import { blobJson, gitCommitJson, refJson, treeJson } from "./json-git.ts";
import { isoSeconds } from "./json-common.ts";

interface TreeInput {
  path: string;
  mode: string;
  type: "blob" | "tree" | "commit";
  sha?: string | null;
  content?: string;
}

export const gitHandlers: Record<string, Handler> = {
  "git/create-blob": ({ repo, body, urls }) => {
    const encoding = (body.encoding as string | undefined) ?? "utf-8";
    if (encoding !== "utf-8" && encoding !== "utf8" && encoding !== "base64") {
      throw GitHubApiError.unprocessable(`encoding must be "utf-8" or "base64" (got "${encoding}")`);
    }
    const content = Buffer.from(String(body.content), encoding === "base64" ? "base64" : "utf8");
    const sha = repo.git.putBlob(content);
    return { status: 201, body: { sha, url: `${urls.apiUrl}/repos/${repo.fullName}/git/blobs/${sha}` } };
  },

  "git/get-blob": ({ repo, params, urls }) => ({ status: 200, body: blobJson(urls, repo, params.file_sha ?? "") }),

  "git/create-tree": ({ repo, body, urls }) => {
    const base = body.base_tree as string | undefined;
    if (base !== undefined && !isTree(repo.git, base)) {
      throw GitHubApiError.unprocessable(`base_tree ${base} is not a valid tree`);
    }
    const files: Map<string, FlatFile> = base === undefined ? new Map() : repo.git.flatten(base);
    for (const [index, entry] of (body.tree as TreeInput[]).entries()) applyTreeEntry(repo.git, files, entry, index);
    const sha = repo.git.buildTree(files);
    return { status: 201, body: treeJson(urls, repo, sha, false) };
  },

  "git/get-tree": ({ repo, params, query, urls }) => {
    const requested = params.tree_sha ?? "";
    const sha = isTree(repo.git, requested) ? requested : repo.git.commit(resolveOr404(repo, requested)).tree;
    return { status: 200, body: treeJson(urls, repo, sha, query.has("recursive")) };
  },

  "git/create-commit": (ctx) => {
    const { repo, body, urls } = ctx;
    const tree = String(body.tree);
    if (!isTree(repo.git, tree)) throw GitHubApiError.unprocessable("Tree SHA does not exist");
    const parents = (body.parents as string[] | undefined) ?? [];
    for (const parent of parents) {
      if (!repo.git.isCommit(parent)) throw GitHubApiError.unprocessable("Parent SHA does not exist or is not a commit object");
    }
    const author = identityFrom(body.author, ctx);
    const committer = body.committer === undefined ? author : identityFrom(body.committer, ctx);
    const sha = repo.git.putCommit({ tree, parents, author, committer, message: String(body.message) });
    return { status: 201, body: gitCommitJson(urls, repo, sha) };
  },

  "git/get-commit": ({ repo, params, urls }) => {
    const sha = params.commit_sha ?? "";
    if (!repo.git.isCommit(sha)) throw GitHubApiError.notFound();
    return { status: 200, body: gitCommitJson(urls, repo, sha) };
  },

  "git/get-ref": ({ repo, params, urls }) => {
    const ref = `refs/${params.ref ?? ""}`;
    if (!repo.refs.has(ref)) throw GitHubApiError.notFound();
    return { status: 200, body: refJson(urls, repo, ref) };
  },

  "git/list-matching-refs": ({ repo, params, urls }) => {
    const prefix = `refs/${params.ref ?? ""}`;
    const refs = [...repo.refs.keys()].filter((r) => r.startsWith(prefix)).sort();
    return { status: 200, body: refs.map((r) => refJson(urls, repo, r)) };
  },

  "git/create-ref": ({ repo, body, urls, now }) => {
    const ref = String(body.ref);
    if (!/^refs\/[^/]+\/.+/.test(ref)) {
      throw GitHubApiError.unprocessable(`Reference name "${ref}" is invalid: it must start with 'refs/' and have at least two slashes.`);
    }
    if (repo.refs.has(ref)) throw GitHubApiError.unprocessable("Reference already exists");
    const sha = String(body.sha);
    if (!repo.git.isCommit(sha)) throw GitHubApiError.unprocessable("Object does not exist");
    repo.refs.set(ref, sha);
    repo.pushedAt = now();
    return { status: 201, body: refJson(urls, repo, ref) };
  },

  "git/update-ref": ({ repo, params, body, urls, now }) => {
    const ref = `refs/${params.ref ?? ""}`;
    const current = repo.refs.get(ref);
    if (current === undefined) throw GitHubApiError.unprocessable("Reference does not exist");
    const sha = String(body.sha);
    if (!repo.git.isCommit(sha)) throw GitHubApiError.unprocessable("Object does not exist");
    if (body.force !== true && !repo.git.isAncestor(current, sha)) {
      throw GitHubApiError.unprocessable("Update is not a fast forward");
    }
    repo.refs.set(ref, sha);
    repo.pushedAt = now();
    return { status: 200, body: refJson(urls, repo, ref) };
  },

  "git/delete-ref": ({ repo, params }) => {
    const ref = `refs/${params.ref ?? ""}`;
    if (!repo.refs.delete(ref)) throw GitHubApiError.unprocessable("Reference does not exist");
    return { status: 204 };
  },
};

function resolveOr404(repo: HandlerContext["repo"], commitish: string): string {
  try {
    return repo.resolveCommit(commitish);
  } catch {
    throw GitHubApiError.notFound();
  }
}

function isTree(git: HandlerContext["repo"]["git"], sha: string): boolean {
  try {
    git.tree(sha);
    return true;
  } catch {
    return false;
  }
}

function applyTreeEntry(git: HandlerContext["repo"]["git"], files: Map<string, FlatFile>, entry: TreeInput, index: number): void {
  const path = entry.path.replace(/^\/+|\/+$/g, "");
  if (path === "" || path.split("/").some((part) => part === "" || part === "." || part === "..")) {
    throw GitHubApiError.unprocessable(`tree.path "${entry.path}" is not a valid path`, [
      { resource: "Tree", field: `tree[${index}].path`, code: "invalid" },
    ]);
  }
  if (entry.content !== undefined && entry.sha !== undefined) {
    throw GitHubApiError.unprocessable("Must supply either tree.sha or tree.content, not both", [
      { resource: "Tree", field: `tree[${index}]`, code: "invalid" },
    ]);
  }
  if (entry.sha === null) {
    // Deleting a path removes the file, or everything under a directory of that name.
    for (const existing of [...files.keys()]) if (existing === path || existing.startsWith(`${path}/`)) files.delete(existing);
    return;
  }
  for (const existing of [...files.keys()]) if (existing.startsWith(`${path}/`)) files.delete(existing);
  if (entry.content !== undefined) {
    files.set(path, { sha: git.putBlob(Buffer.from(entry.content, "utf8")), mode: entry.mode });
    return;
  }
  const sha = entry.sha ?? "";
  if (entry.type === "tree") {
    if (!isTree(git, sha)) throw GitHubApiError.unprocessable(`tree.sha ${sha} is not a valid tree`);
    files.delete(path);
    for (const [sub, file] of git.flatten(sha)) files.set(`${path}/${sub}`, file);
    return;
  }
  if (entry.type === "blob" && !git.has(sha)) throw GitHubApiError.unprocessable(`tree.sha ${sha} is not a valid blob`);
  files.set(path, { sha, mode: entry.type === "commit" ? "160000" : entry.mode });
}

function identityFrom(input: unknown, ctx: HandlerContext): { name: string; email: string; date: string } {
  if (input === undefined || input === null) return ctx.identity();
  const person = input as { name: string; email: string; date?: string };
  return { name: person.name, email: person.email, date: person.date === undefined ? ctx.now() : isoSeconds(new Date(person.date)) };
}
