/**
 * In-memory git object database with git's own object ids: a blob's sha is sha1("blob <len>\0<bytes>"),
 * trees and commits are hashed from git's canonical encodings, so shas behave like GitHub's (stable,
 * content-addressed, identical content gives an identical sha).
 */
import { createHash } from "node:crypto";
import { GitHubApiError } from "./github-api-error.ts";

export type TreeEntryType = "blob" | "tree" | "commit";

export interface TreeEntry {
  name: string;
  mode: string;
  type: TreeEntryType;
  sha: string;
}

export interface GitIdentity {
  name: string;
  email: string;
  /** ISO-8601 without milliseconds, e.g. "2026-01-02T03:04:05Z". */
  date: string;
}

export interface CommitObject {
  type: "commit";
  tree: string;
  parents: string[];
  author: GitIdentity;
  committer: GitIdentity;
  message: string;
}

export type GitObject = { type: "blob"; content: Buffer } | { type: "tree"; entries: TreeEntry[] } | CommitObject;

/** A file in a flattened tree: path relative to the root, blob sha and mode. */
export interface FlatFile {
  sha: string;
  mode: string;
}

export class GitStore {
  private readonly objects = new Map<string, GitObject>();

  has(sha: string): boolean {
    return this.objects.has(sha);
  }

  putBlob(content: Buffer): string {
    return this.store(hashObject("blob", content), { type: "blob", content });
  }

  putTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort((a, b) => compareTreeNames(a, b));
    const body = Buffer.concat(
      sorted.map((e) => Buffer.concat([Buffer.from(`${gitMode(e.mode)} ${e.name}\0`), Buffer.from(e.sha, "hex")])),
    );
    return this.store(hashObject("tree", body), { type: "tree", entries: sorted });
  }

  putCommit(commit: Omit<CommitObject, "type">): string {
    const lines = [`tree ${commit.tree}`, ...commit.parents.map((p) => `parent ${p}`)];
    lines.push(`author ${signature(commit.author)}`, `committer ${signature(commit.committer)}`, "", commit.message);
    return this.store(hashObject("commit", Buffer.from(lines.join("\n"))), { type: "commit", ...commit });
  }

  blob(sha: string): Buffer {
    const object = this.objects.get(sha);
    if (object?.type !== "blob") throw GitHubApiError.notFound();
    return object.content;
  }

  tree(sha: string): TreeEntry[] {
    const object = this.objects.get(sha);
    if (object?.type !== "tree") throw GitHubApiError.notFound();
    return object.entries;
  }

  commit(sha: string): CommitObject {
    const object = this.objects.get(sha);
    if (object?.type !== "commit") throw GitHubApiError.notFound();
    return object;
  }

  /** Commit shas starting with an abbreviated sha. */
  commitsWithPrefix(prefix: string): string[] {
    return [...this.objects].filter(([sha, o]) => o.type === "commit" && sha.startsWith(prefix)).map(([sha]) => sha);
  }

  isCommit(sha: string): boolean {
    return this.objects.get(sha)?.type === "commit";
  }

  /** Every file (blob or submodule) under a tree, keyed by its full path. */
  flatten(treeSha: string, prefix = "", into = new Map<string, FlatFile>()): Map<string, FlatFile> {
    for (const entry of this.tree(treeSha)) {
      const path = prefix + entry.name;
      if (entry.type === "tree") this.flatten(entry.sha, `${path}/`, into);
      else into.set(path, { sha: entry.sha, mode: entry.mode });
    }
    return into;
  }

  /** Builds nested trees for a flat path map and returns the root tree's sha. */
  buildTree(files: Map<string, FlatFile>): string {
    const root: DirNode = new Map();
    for (const [path, file] of files) {
      const parts = path.split("/");
      let dir = root;
      for (const part of parts.slice(0, -1)) {
        let child = dir.get(part);
        if (!(child instanceof Map)) {
          child = new Map();
          dir.set(part, child);
        }
        dir = child;
      }
      dir.set(parts[parts.length - 1] ?? path, file);
    }
    return this.writeDir(root);
  }

  /** All commits reachable from `sha`, including itself. */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const next = stack.pop();
      if (next === undefined || seen.has(next)) continue;
      seen.add(next);
      stack.push(...this.commit(next).parents);
    }
    return seen;
  }

  isAncestor(ancestor: string, descendant: string): boolean {
    return this.ancestors(descendant).has(ancestor);
  }

  /** The newest common ancestor (by breadth-first distance from `b`), or undefined for unrelated histories. */
  mergeBase(a: string, b: string): string | undefined {
    const fromA = this.ancestors(a);
    const queue = [b];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const next = queue.shift();
      if (next === undefined || seen.has(next)) continue;
      seen.add(next);
      if (fromA.has(next)) return next;
      queue.push(...this.commit(next).parents);
    }
    return undefined;
  }

  /** Commits reachable from `head` but not from `base`, oldest first (parents before children). */
  commitsBetween(base: string | undefined, head: string): string[] {
    const exclude = base === undefined ? new Set<string>() : this.ancestors(base);
    const order: string[] = [];
    const visit = (sha: string, seen: Set<string>): void => {
      if (seen.has(sha) || exclude.has(sha)) return;
      seen.add(sha);
      for (const parent of this.commit(sha).parents) visit(parent, seen);
      order.push(sha);
    };
    visit(head, new Set());
    return order;
  }

  private writeDir(dir: DirNode): string {
    const entries: TreeEntry[] = [];
    for (const [name, node] of dir) {
      if (node instanceof Map) entries.push({ name, mode: "040000", type: "tree", sha: this.writeDir(node) });
      else entries.push({ name, mode: node.mode, type: node.mode === "160000" ? "commit" : "blob", sha: node.sha });
    }
    return this.putTree(entries);
  }

  private store(sha: string, object: GitObject): string {
    if (!this.objects.has(sha)) this.objects.set(sha, object);
    return sha;
  }
}

type DirNode = Map<string, DirNode | FlatFile>;

function hashObject(type: string, body: Buffer): string {
  return createHash("sha1").update(`${type} ${body.length}\0`).update(body).digest("hex");
}

/** git writes tree modes without the leading zero ("40000"), the API shows "040000". */
function gitMode(mode: string): string {
  return mode.replace(/^0+/, "");
}

/** git sorts tree entries by name, comparing directories as if their name ended in "/". */
function compareTreeNames(a: TreeEntry, b: TreeEntry): number {
  const left = Buffer.from(a.type === "tree" ? `${a.name}/` : a.name);
  const right = Buffer.from(b.type === "tree" ? `${b.name}/` : b.name);
  return Buffer.compare(left, right);
}

function signature(identity: GitIdentity): string {
  const seconds = Math.floor(Date.parse(identity.date) / 1000);
  return `${identity.name} <${identity.email}> ${seconds} +0000`;
}
