/**
 * GitHub JSON for pull requests (`pull-request`, `pull-request-simple`) and issue comments.
 */
import type { FakeRepository, IssueCommentRecord, PullRequestRecord } from "./fake-repository.ts";
import { nodeId, repositoryJson, userJson, type UrlContext } from "./json-common.ts";
import { changedFiles, repoApi } from "./json-git.ts";

export function pullRequestJson(
  ctx: UrlContext,
  repo: FakeRepository,
  pull: PullRequestRecord,
  full: boolean,
): Record<string, unknown> {
  const api = repoApi(ctx, repo);
  const url = `${api}/pulls/${pull.number}`;
  const html = `${ctx.htmlUrl}/${repo.fullName}/pull/${pull.number}`;
  const headSha = repo.headSha(pull);
  const baseSha = repo.baseSha(pull);
  const branch = (ref: string, sha: string): Record<string, unknown> => ({
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: userJson(ctx, repo.owner),
    repo: repositoryJson(ctx, repo),
  });
  const json: Record<string, unknown> = {
    url,
    id: pull.id,
    node_id: nodeId("PullRequest", pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pull.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    statuses_url: `${api}/statuses/${headSha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: userJson(ctx, pull.user),
    body: pull.body,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: branch(pull.headRef, headSha),
    base: branch(pull.baseRef, baseSha),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: `${api}/issues/${pull.number}` },
      comments: { href: `${api}/issues/${pull.number}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${api}/statuses/${headSha}` },
    },
    author_association: "CONTRIBUTOR",
    auto_merge: null,
    draft: pull.draft,
  };
  if (!full) return json;
  const base = repo.git.mergeBase(baseSha, headSha);
  const commits = repo.git.commitsBetween(base, headSha);
  const files = changedFiles(repo, base === undefined ? undefined : repo.git.commit(base).tree, repo.git.commit(headSha).tree);
  const merged = pull.mergedAt !== null;
  return {
    ...json,
    merged,
    mergeable: pull.state === "open" ? true : null,
    rebaseable: pull.state === "open" ? true : null,
    mergeable_state: pull.state === "open" ? "clean" : "unknown",
    merged_by: pull.mergedBy === null ? null : userJson(ctx, pull.mergedBy),
    comments: repo.comments.filter((c) => c.issueNumber === pull.number).length,
    review_comments: 0,
    maintainer_can_modify: pull.maintainerCanModify,
    commits: commits.length,
    additions: 0,
    deletions: 0,
    changed_files: files.length,
  };
}

export function issueCommentJson(ctx: UrlContext, repo: FakeRepository, comment: IssueCommentRecord): Record<string, unknown> {
  const api = repoApi(ctx, repo);
  return {
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${ctx.htmlUrl}/${repo.fullName}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: userJson(ctx, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${api}/issues/${comment.issueNumber}`,
    author_association: "CONTRIBUTOR",
  };
}
