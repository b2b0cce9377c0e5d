/**
 * Test controls that move a branch the way GitHub's web UI does (merging a pull request, a direct
 * push), returning the `push` webhook payload GitHub would deliver for it.
 */
import type { FakeRepository, PullRequestRecord } from "./fake-repository.ts";
import type { FlatFile, GitIdentity } from "./git-store.ts";
import { repositoryJson, userJson, type UrlContext } from "./json-common.ts";
import { changedFiles, noreplyEmail } from "./json-git.ts";

export interface PushEventPayload {
  ref: string;
  before: string;
  after: string;
  created: boolean;
  deleted: boolean;
  forced: boolean;
  base_ref: null;
  compare: string;
  commits: PushCommit[];
  head_commit: PushCommit | null;
  repository: Record<string, unknown>;
  pusher: { name: string; email: string };
  sender: Record<string, unknown>;
}

export interface PushCommit {
  id: string;
  tree_id: string;
  distinct: boolean;
  message: string;
  timestamp: string;
  url: string;
  author: { name: string; email: string; username?: string };
  committer: { name: string; email: string; username?: string };
  added: string[];
  removed: string[];
  modified: string[];
}

export interface MergeOptions {
  /** "merge" (default) creates a merge commit with both parents; "squash" one commit on the base. */
  method?: "merge" | "squash";
  /** Login of the account that merges (default: the repository owner). */
  mergedBy?: string;
}

/** Merges an open pull request into its base branch (3-way file merge); throws on conflicts. */
export function mergePull(
  urls: UrlContext,
  repo: FakeRepository,
  pull: PullRequestRecord,
  options: MergeOptions,
  now: string,
): PushEventPayload {
  if (pull.state !== "open") throw new Error(`Pull request #${pull.number} is ${pull.mergedAt === null ? "closed" : "already merged"}.`);
  const baseSha = repo.baseSha(pull);
  const headSha = repo.headSha(pull);
  const mergeBase = repo.git.mergeBase(baseSha, headSha);
  const files = mergeFiles(repo, mergeBase, baseSha, headSha, pull.number);
  const merger = options.mergedBy ?? repo.owner;
  const identity: GitIdentity = { name: merger, email: noreplyEmail(merger), date: now };
  const squash = options.method === "squash";
  const message = squash
    ? `${pull.title} (#${pull.number})`
    : `Merge pull request #${pull.number} from ${repo.owner}/${pull.headRef}\n\n${pull.title}`;
  const tree = repo.git.buildTree(files);
  const mergeSha = repo.git.putCommit({ tree, parents: squash ? [baseSha] : [baseSha, headSha], author: identity, committer: identity, message });
  repo.refs.set(`refs/heads/${pull.baseRef}`, mergeSha);
  repo.pushedAt = now;
  Object.assign(pull, {
    state: "closed",
    closedAt: now,
    mergedAt: now,
    updatedAt: now,
    mergeCommitSha: mergeSha,
    mergedBy: merger,
    closedHeadSha: headSha,
    closedBaseSha: baseSha,
  });
  // The pull request's own commits were pushed before (to its branch), so GitHub marks them not distinct.
  const alreadyPushed = new Set(squash ? [] : repo.git.commitsBetween(baseSha, headSha));
  return pushPayload(urls, repo, pull.baseRef, baseSha, mergeSha, merger, alreadyPushed);
}

/** The `push` payload for moving `branch` from `before` to `after`, every new commit listed oldest first. */
export function pushPayload(
  urls: UrlContext,
  repo: FakeRepository,
  branch: string,
  before: string,
  after: string,
  pusher: string,
  alreadyPushed: Set<string> = new Set(),
  since: string = before,
): PushEventPayload {
  // For a new branch (before ""), `since` names where it started so only its new commits are listed.
  const commits = repo.git.commitsBetween(since === "" ? undefined : since, after).map((sha) => pushCommit(urls, repo, sha, !alreadyPushed.has(sha)));
  const repository = repositoryJson(urls, repo);
  const owner = repository.owner as Record<string, unknown>;
  return {
    ref: `refs/heads/${branch}`,
    before: before === "" ? "0".repeat(40) : before,
    after,
    created: before === "",
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `${urls.htmlUrl}/${repo.fullName}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits,
    head_commit: commits[commits.length - 1] ?? null,
    repository: {
      ...repository,
      owner: { ...owner, name: repo.owner, email: null },
      // Push payloads carry these two as Unix seconds, unlike the REST API.
      created_at: Math.floor(Date.parse(repo.createdAt) / 1000),
      pushed_at: Math.floor(Date.parse(repo.pushedAt) / 1000),
      stargazers: 0,
      master_branch: repo.defaultBranch,
    },
    pusher: { name: pusher, email: noreplyEmail(pusher) },
    sender: userJson(urls, pusher),
  };
}

function pushCommit(urls: UrlContext, repo: FakeRepository, sha: string, distinct: boolean): PushCommit {
  const commit = repo.git.commit(sha);
  const parent = commit.parents[0];
  // Like GitHub, a commit's file lists (merge commits included) are relative to its first parent.
  const changes = changedFiles(repo, parent === undefined ? undefined : repo.git.commit(parent).tree, commit.tree);
  const pick = (status: string): string[] => changes.filter((c) => c.status === status).map((c) => c.filename);
  const person = (p: GitIdentity): PushCommit["author"] => {
    const username = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(p.email)?.[1];
    return { name: p.name, email: p.email, ...(username === undefined ? {} : { username }) };
  };
  return {
    id: sha,
    tree_id: commit.tree,
    distinct,
    message: commit.message,
    timestamp: commit.committer.date,
    url: `${urls.htmlUrl}/${repo.fullName}/commit/${sha}`,
    author: person(commit.author),
    committer: person(commit.committer),
    added: pick("added"),
    removed: pick("removed"),
    modified: pick("modified"),
  };
}

function mergeFiles(repo: FakeRepository, mergeBase: string | undefined, ours: string, theirs: string, number: number): Map<string, FlatFile> {
  const flat = (sha: string | undefined): Map<string, FlatFile> => (sha === undefined ? new Map() : repo.git.flatten(repo.git.commit(sha).tree));
  const base = flat(mergeBase);
  const left = flat(ours);
  const right = flat(theirs);
  const result = new Map<string, FlatFile>();
  const same = (a: FlatFile | undefined, b: FlatFile | undefined): boolean => a?.sha === b?.sha && a?.mode === b?.mode;
  for (const path of new Set([...base.keys(), ...left.keys(), ...right.keys()])) {
    const [b, l, r] = [base.get(path), left.get(path), right.get(path)];
    let pick: FlatFile | undefined;
    if (same(l, r) || same(r, b)) pick = l;
    else if (same(l, b)) pick = r;
    else throw new Error(`Pull request #${number} has a merge conflict in "${path}"; GitHub would refuse to merge it.`);
    if (pick !== undefined) result.set(path, pick);
  }
  return result;
}
