/**
 * Everything the Action does on GitHub, through Octokit: files via the Git Data API (blobs, tree,
 * commit, ref; no checkout), pull requests, comments, and which files a push changed.
 * GITHUB_API_URL is honoured by @actions/github (GitHub Enterprise Server). Timeouts, retries and
 * rate limits: octokit-client.ts.
 *
 * Retried writes must not write twice. A retried POST whose first try reached GitHub (its answer
 * lost) finds its own work done: creating a branch that exists moves it instead, opening a pull
 * request that exists returns it, and a comment is created without retries, then looked for again
 * before another try.
 */
import type { Logger } from "../../contracts/logger.ts";
import type { ChangedFile } from "../../core/plan/plan-files.ts";
import { networkTimeouts, type NetworkTimeouts } from "../../core/settings/network-timeouts.ts";
import { findMarkedComment } from "../../core/status/comment-markers.ts";
import { CallTracker, runTracked } from "./call-tracker.ts";
import { isGitHubNotFound, isGitHubUnanswered, isGitHubUnprocessable } from "./github-error.ts";
import { createOctokit, type Octokit } from "./octokit-client.ts";

/** Tries of a comment (each preceded by a look for it). */
const COMMENT_TRIES = 3;

/** The contents API lists at most 1,000 entries of a folder. */
export const FOLDER_LIST_MAX_ENTRIES = 1000;

/** The compare API lists at most 300 changed files. */
export const COMPARE_MAX_FILES = 300;

export interface Repo {
  owner: string;
  repo: string;
}

export interface PullRequestRef {
  number: number;
  url: string;
  headSha: string;
}

export interface CommitRef {
  sha: string;
  tree: string;
}

export interface FileToCommit {
  path: string;
  content: string;
}

export interface GitHubHelperOptions {
  logger: Logger;
  /** Default: networkTimeouts() (the default idle-timeout). */
  timeouts?: NetworkTimeouts;
  /** API root (GitHub Enterprise Server); default GITHUB_API_URL, else api.github.com. */
  baseUrl?: string | undefined;
}

export class GitHubHelper {
  private readonly octokit: Octokit;
  private readonly repo: Repo;
  private readonly serverUrl: string;
  private readonly tracker: CallTracker;

  constructor(octokit: Octokit, repo: Repo, serverUrl: string, tracker: CallTracker = new CallTracker()) {
    this.octokit = octokit;
    this.repo = repo;
    this.serverUrl = serverUrl.replace(/\/+$/, "");
    this.tracker = tracker;
  }

  static create(token: string, repo: Repo, serverUrl: string, options: GitHubHelperOptions): GitHubHelper {
    const { octokit, tracker } = createOctokit(token, { baseUrl: options.baseUrl, timeouts: options.timeouts ?? networkTimeouts(), logger: options.logger });
    return new GitHubHelper(octokit, repo, serverUrl, tracker);
  }

  /** Runs one helper call: tracks its requests, and turns a failure into a GitHubError saying `what` failed and how. */
  private call<T>(what: string, run: () => Promise<T>, onError?: (error: unknown) => T | Promise<T>): Promise<T> {
    return runTracked(this.tracker, what, run, onError);
  }

  async defaultBranch(): Promise<string> {
    return this.call(`reading repository ${this.repo.owner}/${this.repo.repo}`, async () => (await this.octokit.rest.repos.get({ ...this.repo })).data.default_branch);
  }

  /** A file's text at a ref; `undefined` when it does not exist there. */
  async readFile(path: string, ref: string): Promise<string | undefined> {
    return this.call(
      `reading ${path} at ${ref}`,
      async () => {
        const { data } = await this.octokit.rest.repos.getContent({ ...this.repo, path, ref });
        if (Array.isArray(data) || data.type !== "file") return undefined;
        if (data.encoding === "base64" && (data.content !== "" || data.size === 0)) return Buffer.from(data.content, "base64").toString("utf-8");
        // Files over 1 MB come without content: read the blob instead.
        const blob = await this.octokit.rest.git.getBlob({ ...this.repo, file_sha: data.sha });
        return Buffer.from(blob.data.content, blob.data.encoding === "base64" ? "base64" : "utf-8").toString("utf-8");
      },
      (error) => {
        if (isGitHubNotFound(error)) return undefined;
        throw error;
      },
    );
  }

  /**
   * Puts `files` on `branch` as one commit on top of `parent` (a base branch's head, from baseHead;
   * the branch is created, or moved there with force: a plan branch always holds exactly one generated
   * commit). Returns the commit sha. `branchExists`, when the caller knows it, saves a lookup.
   */
  async commitFiles(branch: string, parent: CommitRef, files: readonly FileToCommit[], message: string, branchExists?: boolean): Promise<string> {
    return this.call(`committing ${files.map((file) => file.path).join(", ")} to ${branch}`, async () => {
      const head = parent;
      // File contents go inline in the tree (GitHub writes the blobs): one write instead of one per file.
      // Trees and commits are named by their content, so a retried create makes the same object.
      const tree = files.map((file) => ({ path: file.path, mode: "100644" as const, type: "blob" as const, content: file.content }));
      const treeSha = (await this.octokit.rest.git.createTree({ ...this.repo, base_tree: head.tree, tree })).data.sha;
      const commitSha = (await this.octokit.rest.git.createCommit({ ...this.repo, message, tree: treeSha, parents: [head.sha] })).data.sha;
      const exists =
        branchExists ??
        (await this.octokit.rest.git.getRef({ ...this.repo, ref: `heads/${branch}` }).then(
          () => true,
          (error: unknown) => {
            if (isGitHubNotFound(error)) return false;
            throw error;
          },
        ));
      const moveBranch = () => this.octokit.rest.git.updateRef({ ...this.repo, ref: `heads/${branch}`, sha: commitSha, force: true });
      if (exists) await moveBranch();
      else {
        // A retried create whose first try went through answers 422 "Reference already exists".
        await this.octokit.rest.git.createRef({ ...this.repo, ref: `refs/heads/${branch}`, sha: commitSha }).catch((error: unknown) => {
          if (isGitHubUnprocessable(error)) return moveBranch();
          throw error;
        });
      }
      return commitSha;
    });
  }

  /** A branch's head commit and its tree. */
  async baseHead(base: string): Promise<CommitRef> {
    return this.call(`reading branch ${base}`, async () => {
      const sha = (await this.octokit.rest.git.getRef({ ...this.repo, ref: `heads/${base}` })).data.object.sha;
      return { sha, tree: (await this.octokit.rest.git.getCommit({ ...this.repo, commit_sha: sha })).data.tree.sha };
    });
  }

  /** Open pull requests whose head is a branch of this repository under `prefix` ("bucket-keys/"), by branch. */
  async openPullRequestsUnder(prefix: string): Promise<Map<string, PullRequestRef & { merged: boolean }>> {
    return this.call(`listing open pull requests`, async () => {
      const pulls = await this.octokit.paginate(this.octokit.rest.pulls.list, { ...this.repo, state: "open", sort: "created", direction: "desc", per_page: 100 });
      const byBranch = new Map<string, PullRequestRef & { merged: boolean }>();
      for (const pull of pulls) {
        // A fork's branch of the same name is not ours.
        if (!pull.head.ref.startsWith(prefix) || pull.head.label !== `${this.repo.owner}:${pull.head.ref}` || byBranch.has(pull.head.ref)) continue;
        byBranch.set(pull.head.ref, { number: pull.number, url: pull.html_url, headSha: pull.head.sha, merged: pull.merged_at !== null });
      }
      return byBranch;
    });
  }

  /** Heads of the branches under `prefix` ("bucket-keys/"), by branch name. */
  async branchesUnder(prefix: string): Promise<Map<string, string>> {
    return this.call(`listing branches under ${prefix}`, async () => {
      const refs = await this.octokit.paginate(this.octokit.rest.git.listMatchingRefs, { ...this.repo, ref: `heads/${prefix}`, per_page: 100 });
      return new Map(refs.map((ref) => [ref.ref.replace(/^refs\/heads\//, ""), ref.object.sha] as const));
    });
  }

  /**
   * Names in the folder `path` at `ref`; an empty set when the folder does not exist there, undefined
   * when GitHub may have cut the list short (it lists at most 1,000 entries of a folder).
   */
  async folderEntries(path: string, ref: string): Promise<Set<string> | undefined> {
    return this.call(
      `listing ${path} at ${ref}`,
      async () => {
        const { data } = await this.octokit.rest.repos.getContent({ ...this.repo, path, ref });
        if (!Array.isArray(data)) return new Set<string>();
        return data.length >= FOLDER_LIST_MAX_ENTRIES ? undefined : new Set(data.map((entry) => entry.name));
      },
      (error) => {
        if (isGitHubNotFound(error)) return new Set<string>();
        throw error;
      },
    );
  }

  /** The pull request of `branch` in `state`, newest first; `undefined` when there is none. */
  async findPullRequest(branch: string, state: "open" | "closed"): Promise<(PullRequestRef & { merged: boolean }) | undefined> {
    return this.call(`listing pull requests for ${branch}`, () => this.listPullRequest(branch, state));
  }

  private async listPullRequest(branch: string, state: "open" | "closed"): Promise<(PullRequestRef & { merged: boolean }) | undefined> {
    const { data } = await this.octokit.rest.pulls.list({ ...this.repo, head: `${this.repo.owner}:${branch}`, state, sort: "created", direction: "desc", per_page: 10 });
    const pull = data[0];
    return pull ? { number: pull.number, url: pull.html_url, headSha: pull.head.sha, merged: pull.merged_at !== null } : undefined;
  }

  async createPullRequest(branch: string, base: string, title: string, body: string): Promise<PullRequestRef> {
    return this.call(
      `opening a pull request from ${branch} into ${base}`,
      async () => {
        const { data } = await this.octokit.rest.pulls.create({ ...this.repo, head: branch, base, title, body });
        return { number: data.number, url: data.html_url, headSha: data.head.sha };
      },
      async (error) => {
        // A retried create whose first try went through answers 422 "A pull request already exists".
        if (!isGitHubUnprocessable(error)) throw error;
        const open = await this.listPullRequest(branch, "open");
        if (open === undefined) throw error;
        return open;
      },
    );
  }

  async updatePullRequest(number: number, title: string, body: string): Promise<void> {
    await this.call(`updating pull request #${number}`, () => this.octokit.rest.pulls.update({ ...this.repo, pull_number: number, title, body }));
  }

  /**
   * Files changed between two commits (compare API); `undefined` when GitHub cannot compare them.
   * GitHub lists at most COMPARE_MAX_FILES files, so `truncated` says when the list may be partial.
   */
  async changedFiles(before: string, after: string): Promise<{ files: ChangedFile[]; truncated: boolean } | undefined> {
    return this.call(
      `comparing ${before}...${after}`,
      async () => {
        const { data } = await this.octokit.rest.repos.compareCommitsWithBasehead({ ...this.repo, basehead: `${before}...${after}` });
        const files = (data.files ?? []).map((file) => ({ filename: file.filename, status: file.status }));
        return { files, truncated: files.length >= COMPARE_MAX_FILES };
      },
      (error) => {
        if (isGitHubNotFound(error)) return undefined;
        throw error;
      },
    );
  }

  /** Pull requests a commit belongs to (for a merge commit: the merged pull request). */
  async pullRequestsForCommit(sha: string): Promise<(PullRequestRef & { mergeCommitSha: string | null })[]> {
    return this.call(`finding the pull request of commit ${sha}`, async () => {
      const { data } = await this.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...this.repo, commit_sha: sha });
      return data.map((pull) => ({ number: pull.number, url: pull.html_url, headSha: pull.head.sha, mergeCommitSha: pull.merge_commit_sha ?? null }));
    });
  }

  /**
   * Edits the comment carrying `marker` on the issue or pull request, or adds one. Never adds a second:
   * a comment is created without retries, and after a failure that may have reached GitHub (no
   * answer, a 5xx) it is looked for again before another try.
   */
  async upsertComment(issueNumber: number, marker: string, body: string): Promise<{ id: number; created: boolean }> {
    const text = body.includes(marker) ? body : `${marker}\n${body}`;
    return this.call(`commenting on #${issueNumber}`, async () => {
      for (let attempt = 1; ; attempt++) {
        const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, { ...this.repo, issue_number: issueNumber, per_page: 100 });
        const existing = findMarkedComment(comments, marker);
        if (existing) {
          if (existing.body !== text) await this.octokit.rest.issues.updateComment({ ...this.repo, comment_id: existing.id, body: text });
          return { id: existing.id, created: false };
        }
        try {
          const { data } = await this.octokit.rest.issues.createComment({ ...this.repo, issue_number: issueNumber, body: text, request: { retries: 0 } });
          return { id: data.id, created: true };
        } catch (error) {
          if (attempt >= COMMENT_TRIES || !isGitHubUnanswered(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, attempt ** 2 * 1000));
        }
      }
    });
  }

  /** Web link to a file on a branch. */
  fileUrl(branch: string, path: string): string {
    return `${this.serverUrl}/${this.repo.owner}/${this.repo.repo}/blob/${branch.split("/").map(encodeURIComponent).join("/")}/${path.split("/").map(encodeURIComponent).join("/")}`;
  }
}
