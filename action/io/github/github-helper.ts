/**
 * Everything the Action does on GitHub, through Octokit: files via the Git Data API (blobs, tree,
 * commit, ref; no checkout), pull requests, comments, and which files a push changed.
 * GITHUB_API_URL is honoured by @actions/github (GitHub Enterprise Server).
 */
import { getOctokit } from "@actions/github";
import type { ChangedFile } from "../../core/plan/plan-files.ts";
import { findMarkedComment } from "../../core/status/comment-markers.ts";
import { gitHubError, isGitHubNotFound } from "./github-error.ts";

type Octokit = ReturnType<typeof getOctokit>;

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

export interface FileToCommit {
  path: string;
  content: string;
}

export class GitHubHelper {
  private readonly octokit: Octokit;
  private readonly repo: Repo;
  private readonly serverUrl: string;

  constructor(octokit: Octokit, repo: Repo, serverUrl: string) {
    this.octokit = octokit;
    this.repo = repo;
    this.serverUrl = serverUrl.replace(/\/+$/, "");
  }

  static create(token: string, repo: Repo, serverUrl: string, baseUrl?: string): GitHubHelper {
    return new GitHubHelper(getOctokit(token, baseUrl ? { baseUrl } : {}), repo, serverUrl);
  }

  async defaultBranch(): Promise<string> {
    try {
      return (await this.octokit.rest.repos.get({ ...this.repo })).data.default_branch;
    } catch (error) {
      throw gitHubError(error, `reading repository ${this.repo.owner}/${this.repo.repo}`);
    }
  }

  /** Head commit of a branch; `undefined` when the branch does not exist. */
  async branchSha(branch: string): Promise<string | undefined> {
    try {
      return (await this.octokit.rest.git.getRef({ ...this.repo, ref: `heads/${branch}` })).data.object.sha;
    } catch (error) {
      if (isGitHubNotFound(error)) return undefined;
      throw gitHubError(error, `reading branch ${branch}`);
    }
  }

  /** A file's text at a ref; `undefined` when it does not exist there. */
  async readFile(path: string, ref: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.rest.repos.getContent({ ...this.repo, path, ref });
      if (Array.isArray(data) || data.type !== "file") return undefined;
      if (data.encoding === "base64" && (data.content !== "" || data.size === 0)) return Buffer.from(data.content, "base64").toString("utf-8");
      // Files over 1 MB come without content: read the blob instead.
      const blob = await this.octokit.rest.git.getBlob({ ...this.repo, file_sha: data.sha });
      return Buffer.from(blob.data.content, blob.data.encoding === "base64" ? "base64" : "utf-8").toString("utf-8");
    } catch (error) {
      if (isGitHubNotFound(error)) return undefined;
      throw gitHubError(error, `reading ${path} at ${ref}`);
    }
  }

  /**
   * Puts `files` on `branch` as one commit on top of `base`'s head (the branch is created, or moved
   * there with force: a plan branch always holds exactly one generated commit). Returns the commit sha.
   */
  async commitFiles(branch: string, base: string, files: readonly FileToCommit[], message: string): Promise<string> {
    const what = `committing ${files.map((file) => file.path).join(", ")} to ${branch}`;
    try {
      const baseSha = (await this.octokit.rest.git.getRef({ ...this.repo, ref: `heads/${base}` })).data.object.sha;
      const baseTree = (await this.octokit.rest.git.getCommit({ ...this.repo, commit_sha: baseSha })).data.tree.sha;
      const tree = [];
      for (const file of files) {
        const blob = await this.octokit.rest.git.createBlob({ ...this.repo, content: Buffer.from(file.content, "utf-8").toString("base64"), encoding: "base64" });
        tree.push({ path: file.path, mode: "100644" as const, type: "blob" as const, sha: blob.data.sha });
      }
      const treeSha = (await this.octokit.rest.git.createTree({ ...this.repo, base_tree: baseTree, tree })).data.sha;
      const commitSha = (await this.octokit.rest.git.createCommit({ ...this.repo, message, tree: treeSha, parents: [baseSha] })).data.sha;
      if ((await this.branchSha(branch)) === undefined) {
        await this.octokit.rest.git.createRef({ ...this.repo, ref: `refs/heads/${branch}`, sha: commitSha });
      } else {
        await this.octokit.rest.git.updateRef({ ...this.repo, ref: `heads/${branch}`, sha: commitSha, force: true });
      }
      return commitSha;
    } catch (error) {
      throw gitHubError(error, what);
    }
  }

  /** The pull request of `branch` in `state`, newest first; `undefined` when there is none. */
  async findPullRequest(branch: string, state: "open" | "closed"): Promise<(PullRequestRef & { merged: boolean }) | undefined> {
    try {
      const { data } = await this.octokit.rest.pulls.list({ ...this.repo, head: `${this.repo.owner}:${branch}`, state, sort: "created", direction: "desc", per_page: 10 });
      const pull = data[0];
      return pull ? { number: pull.number, url: pull.html_url, headSha: pull.head.sha, merged: pull.merged_at !== null } : undefined;
    } catch (error) {
      throw gitHubError(error, `listing pull requests for ${branch}`);
    }
  }

  async createPullRequest(branch: string, base: string, title: string, body: string): Promise<PullRequestRef> {
    try {
      const { data } = await this.octokit.rest.pulls.create({ ...this.repo, head: branch, base, title, body });
      return { number: data.number, url: data.html_url, headSha: data.head.sha };
    } catch (error) {
      throw gitHubError(error, `opening a pull request from ${branch} into ${base}`);
    }
  }

  async updatePullRequest(number: number, title: string, body: string): Promise<void> {
    try {
      await this.octokit.rest.pulls.update({ ...this.repo, pull_number: number, title, body });
    } catch (error) {
      throw gitHubError(error, `updating pull request #${number}`);
    }
  }

  /**
   * Files changed between two commits (compare API); `undefined` when GitHub cannot compare them.
   * GitHub lists at most COMPARE_MAX_FILES files, so `truncated` says when the list may be partial.
   */
  async changedFiles(before: string, after: string): Promise<{ files: ChangedFile[]; truncated: boolean } | undefined> {
    try {
      const { data } = await this.octokit.rest.repos.compareCommitsWithBasehead({ ...this.repo, basehead: `${before}...${after}` });
      const files = (data.files ?? []).map((file) => ({ filename: file.filename, status: file.status }));
      return { files, truncated: files.length >= COMPARE_MAX_FILES };
    } catch (error) {
      if (isGitHubNotFound(error)) return undefined;
      throw gitHubError(error, `comparing ${before}...${after}`);
    }
  }

  /** Pull requests a commit belongs to (for a merge commit: the merged pull request). */
  async pullRequestsForCommit(sha: string): Promise<(PullRequestRef & { mergeCommitSha: string | null })[]> {
    try {
      const { data } = await this.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...this.repo, commit_sha: sha });
      return data.map((pull) => ({ number: pull.number, url: pull.html_url, headSha: pull.head.sha, mergeCommitSha: pull.merge_commit_sha ?? null }));
    } catch (error) {
      throw gitHubError(error, `finding the pull request of commit ${sha}`);
    }
  }

  /** Edits the comment carrying `marker` on the issue or pull request, or adds one. Never adds a second. */
  async upsertComment(issueNumber: number, marker: string, body: string): Promise<{ id: number; created: boolean }> {
    const text = body.includes(marker) ? body : `${marker}\n${body}`;
    try {
      const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, { ...this.repo, issue_number: issueNumber, per_page: 100 });
      const existing = findMarkedComment(comments, marker);
      if (existing) {
        if (existing.body !== text) await this.octokit.rest.issues.updateComment({ ...this.repo, comment_id: existing.id, body: text });
        return { id: existing.id, created: false };
      }
      const { data } = await this.octokit.rest.issues.createComment({ ...this.repo, issue_number: issueNumber, body: text });
      return { id: data.id, created: true };
    } catch (error) {
      throw gitHubError(error, `commenting on #${issueNumber}`);
    }
  }

  /** Web link to a file on a branch. */
  fileUrl(branch: string, path: string): string {
    return `${this.serverUrl}/${this.repo.owner}/${this.repo.repo}/blob/${branch.split("/").map(encodeURIComponent).join("/")}/${path.split("/").map(encodeURIComponent).join("/")}`;
  }
}
