/**
 * One in-memory repository: git objects and refs, pull requests and issue comments. Pure state; the
 * HTTP handlers and the test controls both work through it.
 */
import { GitHubApiError } from "./github-api-error.ts";
import { GitStore, type GitIdentity } from "./git-store.ts";

export interface PullRequestRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  draft: boolean;
  maintainerCanModify: boolean;
  headRef: string;
  baseRef: string;
  /** Head and base shas frozen when the pull request is closed or merged; live from the branches before. */
  closedHeadSha: string | undefined;
  closedBaseSha: string | undefined;
  user: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  mergedBy: string | null;
}

export interface IssueCommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export class FakeRepository {
  readonly owner: string;
  readonly name: string;
  readonly id: number;
  readonly createdAt: string;
  readonly defaultBranch: string;
  readonly git = new GitStore();
  /** Full ref name ("refs/heads/main") -> commit sha. */
  readonly refs = new Map<string, string>();
  readonly pulls: PullRequestRecord[] = [];
  readonly comments: IssueCommentRecord[] = [];
  pushedAt: string;
  private nextNumber = 1;

  constructor(owner: string, name: string, id: number, defaultBranch: string, now: string) {
    this.owner = owner;
    this.name = name;
    this.id = id;
    this.defaultBranch = defaultBranch;
    this.createdAt = now;
    this.pushedAt = now;
  }

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  allocateNumber(): number {
    return this.nextNumber++;
  }

  branchSha(branch: string): string | undefined {
    return this.refs.get(`refs/heads/${branch}`);
  }

  /** Resolves a sha (full or abbreviated), a branch or tag name, or "heads/x"/"refs/heads/x" to a commit sha. */
  resolveCommit(commitish: string): string {
    const candidates = [commitish, `refs/${commitish}`, `refs/heads/${commitish}`, `refs/tags/${commitish}`];
    for (const name of candidates) {
      const sha = this.refs.get(name);
      if (sha !== undefined) return sha;
    }
    if (/^[0-9a-f]{40}$/.test(commitish) && this.git.isCommit(commitish)) return commitish;
    if (/^[0-9a-f]{7,39}$/.test(commitish)) {
      const matches = this.git.commitsWithPrefix(commitish);
      if (matches.length === 1 && matches[0] !== undefined) return matches[0];
    }
    throw GitHubApiError.unprocessable(`No commit found for SHA: ${commitish}`);
  }

  headSha(pull: PullRequestRecord): string {
    return pull.closedHeadSha ?? this.branchSha(pull.headRef) ?? "";
  }

  baseSha(pull: PullRequestRecord): string {
    return pull.closedBaseSha ?? this.branchSha(pull.baseRef) ?? "";
  }

  pull(number: number): PullRequestRecord {
    const pull = this.pulls.find((p) => p.number === number);
    if (pull === undefined) throw GitHubApiError.notFound();
    return pull;
  }

  /**
   * Writes files onto a branch as one commit (test control and seeding); returns the new commit sha.
   * A branch that doesn't exist yet starts from the default branch.
   */
  commitFiles(branch: string, files: Record<string, string | Buffer | null>, message: string, author: GitIdentity): string {
    const parent = this.branchSha(branch) ?? this.branchSha(this.defaultBranch);
    const flat = parent === undefined ? new Map() : this.git.flatten(this.git.commit(parent).tree);
    for (const [path, content] of Object.entries(files)) {
      if (content === null) flat.delete(path);
      else flat.set(path, { sha: this.git.putBlob(Buffer.from(content)), mode: "100644" });
    }
    const tree = this.git.buildTree(flat);
    const sha = this.git.putCommit({ tree, parents: parent === undefined ? [] : [parent], author, committer: author, message });
    this.refs.set(`refs/heads/${branch}`, sha);
    this.pushedAt = author.date;
    return sha;
  }
}
