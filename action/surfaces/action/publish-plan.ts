/**
 * Puts one bucket's plan up for review: commits plan.json, plan.md and history.json (its coverage
 * plan after plan) to `bucket-keys/<bucket>` and opens (or updates) its pull request, whose body is
 * plan.md followed by the coverage chart. Touches nothing when the plan id on the branch, or already
 * merged on the base branch, equals the new one. A plan without jobs opens nothing, unless the
 * bucket has a recorded history and its coverage changed: then the pull request records it (the
 * bucket reached 100%, or the objects left are ones no job can fix).
 *
 * What the repository holds (open plan pull requests, plan branches, plan folders on the base, the
 * base's head) is read once per run (readRepoState), not per bucket: planning hundreds of buckets
 * costs a few requests per bucket, well within a GITHUB_TOKEN's 1,000 requests an hour.
 */
import { serializeHistory, type CoverageHistory } from "../../contracts/history-schema.ts";
import type { Logger } from "../../contracts/logger.ts";
import type { Plan } from "../../contracts/plan-schema.ts";
import { BRANCH_PREFIX, historyPath, planBranch, planJsonPath, planMarkdownPath } from "../../core/plan/plan-files.ts";
import { cutPullRequestBody } from "../../core/plan/pull-request-body.ts";
import { coverageOf, formatPercent } from "../../core/report/coverage-figures.ts";
import { addEntry, entryFromPlan, mergeHistories, sameCoverage } from "../../core/report/coverage-history.ts";
import { coverageMarkdown } from "../../core/report/coverage-markdown.ts";
import type { CommitRef, GitHubHelper, PullRequestRef } from "../../io/github/github-helper.ts";
import { readHistory } from "../../io/github/read-history.ts";

export type PublishAction = "opened" | "updated" | "recorded" | "unchanged" | "already-merged" | "closed-unmerged" | "nothing-to-do";

export interface PublishResult {
  bucket: string;
  planId: string;
  objects: number;
  action: PublishAction;
  pullRequest: { number: number; url: string } | undefined;
  /** What happened, one sentence, for the log and the summary. */
  note: string;
  /** The bucket's coverage with this plan's entry (committed or not), for the summary. */
  history: CoverageHistory;
}

export interface PlanTexts {
  /** The plan with its manifests uploaded (uri and etag set). */
  plan: Plan;
  /** plan.json and plan.md of that plan. */
  json: string;
  markdown: string;
}

/** The repository as the run found it: see readRepoState. */
export interface RepoState {
  base: string;
  /** Open pull requests of plan branches, by branch. */
  openPulls: ReadonlyMap<string, PullRequestRef & { merged: boolean }>;
  /** Heads of the plan branches, by branch. */
  branches: ReadonlyMap<string, string>;
  /** Bucket folders under the plan folder on the base; undefined when unknown (each plan.json is then read). */
  basePlanFolders: ReadonlySet<string> | undefined;
  /** The base's head, read when the first commit needs it. */
  baseHead(): Promise<CommitRef>;
}

export async function readRepoState(github: GitHubHelper, base: string, planDir: string): Promise<RepoState> {
  let head: Promise<CommitRef> | undefined;
  return {
    base,
    openPulls: await github.openPullRequestsUnder(BRANCH_PREFIX),
    branches: await github.branchesUnder(BRANCH_PREFIX),
    basePlanFolders: await github.folderEntries(planDir, base),
    // Every plan branch starts from the base as it is now, read once (a base that moves meanwhile still
    // merges cleanly: the plan files are paths only their own branch touches).
    baseHead: () => (head ??= github.baseHead(base)),
  };
}

/**
 * `plan` is the plan before upload (its id is final: uri and etag are not part of it). `prepare` uploads
 * the manifests and renders the files; it runs only when the plan will be committed, so an unchanged
 * plan never rewrites the manifest objects a reviewer approved.
 */
export async function publishPlan(plan: Plan, prepare: (plan: Plan) => Promise<PlanTexts>, planDir: string, repo: RepoState, github: GitHubHelper, logger: Logger): Promise<PublishResult> {
  const { base } = repo;
  const bucket = plan.inventories[0]!.sourceBucket;
  const branch = planBranch(bucket);
  const jsonPath = planJsonPath(planDir, bucket);
  const mdPath = planMarkdownPath(planDir, bucket);
  const open = repo.openPulls.get(branch);
  // Only a bucket whose folder the base holds has files there to read (unknown: read them).
  const onBaseFolder = repo.basePlanFolders === undefined || repo.basePlanFolders.has(bucket);

  // The coverage so far: what the base branch recorded, and what an open pull request adds to it.
  const recorded = onBaseFolder ? await readHistory(github, historyPath(planDir, bucket), base, bucket, logger) : { history: undefined, unreadable: false };
  const pending = open ? await readHistory(github, historyPath(planDir, bucket), branch, bucket, logger) : { history: undefined, unreadable: false };
  const previous = mergeHistories(bucket, recorded.history, pending.history);
  const entry = entryFromPlan(plan);
  const history = addEntry(previous, entry);
  const historyFile = recorded.unreadable || pending.unreadable ? [] : [{ path: historyPath(planDir, bucket), content: serializeHistory(history) }];
  const result = (action: PublishAction, note: string, pullRequest?: { number: number; url: string }): PublishResult => {
    logger.info(`${bucket}: ${note}`);
    return { bucket, planId: plan.id, objects: plan.totals.objects, action, pullRequest, note, history };
  };

  const onBase = onBaseFolder ? planIdOf(await github.readFile(jsonPath, base)) : undefined;
  if (onBase === plan.id) {
    return result("already-merged", `plan ${plan.id} is already merged into ${base}; nothing to do until a newer inventory arrives.`);
  }
  const last = previous.entries.at(-1);
  const record = plan.jobs.length === 0 && last !== undefined && !sameCoverage(last, entry) && historyFile.length > 0;
  if (plan.jobs.length === 0 && !record) {
    const pendingLast = pending.history?.entries.at(-1);
    const recordsThis = pendingLast !== undefined && pendingLast.planned.objects === 0 && sameCoverage(pendingLast, entry);
    const stale = !open ? "" : recordsThis ? ` Pull request #${open.number} records this coverage already.` : ` Pull request #${open.number} holds an older plan that is no longer needed; close it.`;
    return result("nothing-to-do", `nothing to do: every object already uses a Bucket Key or is skipped; no pull request opened.${stale}`, open);
  }
  const branchSha = repo.branches.get(branch);
  const onBranch = branchSha === undefined ? undefined : planIdOf(await github.readFile(jsonPath, branch));
  const coverage = formatPercent(coverageOf(entry));
  const title = record
    ? `S3 Bucket Keys: ${bucket} at ${coverage}, no jobs left (plan ${plan.id})`
    : `S3 Bucket Keys: ${bucket} (${plan.totals.objects.toLocaleString("en-US")} objects, plan ${plan.id})`;
  const bodyOf = (markdown: string) => cutPullRequestBody(`${markdown}\n${coverageMarkdown([history])}`, github.fileUrl(branch, mdPath));

  if (onBranch === plan.id) {
    if (open) return result("unchanged", `plan ${plan.id} is unchanged; pull request #${open.number} left as it is.`, open);
    const closed = await github.findPullRequest(branch, "closed");
    if (closed && !closed.merged && closed.headSha === branchSha) {
      return result("closed-unmerged", `plan ${plan.id} was closed without merging in #${closed.number}; not reopening it. Delete branch ${branch} to have it proposed again.`, closed);
    }
    const markdown = await github.readFile(mdPath, branch);
    const created = await github.createPullRequest(branch, base, title, bodyOf(markdown ?? `Plan ${plan.id}: see ${mdPath}.`));
    return result("opened", `opened pull request #${created.number} for plan ${plan.id} (the branch had it, without an open pull request).`, created);
  }

  const texts = await prepare(plan);
  const body = bodyOf(texts.markdown);
  const what = record ? `no job left, coverage ${coverage}` : `${plan.jobs.length} job(s) over ${plan.totals.objects} objects`;
  const message = `${record ? "Record S3 Bucket Keys coverage" : "Plan S3 Bucket Keys jobs"} for ${bucket} (plan ${plan.id})\n\n${what}, from the inventory of ${plan.inventories[0]!.creationTime}.`;
  await github.commitFiles(branch, await repo.baseHead(), [{ path: jsonPath, content: texts.json }, { path: mdPath, content: texts.markdown }, ...historyFile], message, branchSha !== undefined);
  const recordNote = record ? `: no job left, coverage ${coverage}; merging records it in history.json` : "";
  if (open) {
    await github.updatePullRequest(open.number, title, body);
    return result(record ? "recorded" : "updated", `updated pull request #${open.number} to plan ${plan.id}${onBranch ? ` (was ${onBranch})` : ""}${recordNote}.`, open);
  }
  const created = await github.createPullRequest(branch, base, title, body);
  return result(record ? "recorded" : "opened", `opened pull request #${created.number} for plan ${plan.id}${recordNote}.`, created);
}

/** The `id` of a plan.json text, without trusting the rest of it; undefined when absent or unreadable. */
function planIdOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}
