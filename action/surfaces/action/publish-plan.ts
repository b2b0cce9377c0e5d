/**
 * Puts one bucket's plan up for review: commits plan.json and plan.md to `bucket-keys/<bucket>` and
 * opens (or updates) its pull request. Touches nothing when the plan id on the branch, or already
 * merged on the base branch, equals the new one; opens nothing when the plan has no jobs.
 *
 * What the repository holds (open plan pull requests, plan branches, plan folders on the base, the
 * base's head) is read once per run (readRepoState), not per bucket: planning hundreds of buckets
 * costs a few requests per bucket, well within a GITHUB_TOKEN's 1,000 requests an hour.
 */
import type { Logger } from "../../contracts/logger.ts";
import { BRANCH_PREFIX, planBranch, planJsonPath, planMarkdownPath } from "../../core/plan/plan-files.ts";
import type { Plan } from "../../contracts/plan-schema.ts";
import { cutPullRequestBody } from "../../core/plan/pull-request-body.ts";
import type { CommitRef, GitHubHelper, PullRequestRef } from "../../io/github/github-helper.ts";

export type PublishAction = "opened" | "updated" | "unchanged" | "already-merged" | "closed-unmerged" | "nothing-to-do";

export interface PublishResult {
  bucket: string;
  planId: string;
  objects: number;
  action: PublishAction;
  pullRequest: { number: number; url: string } | undefined;
  /** What happened, one sentence, for the log and the summary. */
  note: string;
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
  const result = (action: PublishAction, note: string, pullRequest?: { number: number; url: string }): PublishResult => {
    logger.info(`${bucket}: ${note}`);
    return { bucket, planId: plan.id, objects: plan.totals.objects, action, pullRequest, note };
  };

  const open = repo.openPulls.get(branch);
  if (plan.jobs.length === 0) {
    const stale = open ? ` Pull request #${open.number} holds an older plan that is no longer needed; close it.` : "";
    return result("nothing-to-do", `nothing to do: every object already uses a Bucket Key or is skipped; no pull request opened.${stale}`, open);
  }
  const onBase = repo.basePlanFolders === undefined || repo.basePlanFolders.has(bucket) ? planIdOf(await github.readFile(jsonPath, base)) : undefined;
  if (onBase === plan.id) {
    return result("already-merged", `plan ${plan.id} is already merged into ${base}; nothing to do until a newer inventory arrives.`);
  }
  const branchSha = repo.branches.get(branch);
  const onBranch = branchSha === undefined ? undefined : planIdOf(await github.readFile(jsonPath, branch));
  const title = `S3 Bucket Keys: ${bucket} (${plan.totals.objects.toLocaleString("en-US")} objects, plan ${plan.id})`;
  const bodyOf = (markdown: string) => cutPullRequestBody(markdown, github.fileUrl(branch, mdPath));

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
  const message = `Plan S3 Bucket Keys jobs for ${bucket} (plan ${plan.id})\n\n${plan.jobs.length} job(s) over ${plan.totals.objects} objects, from the inventory of ${plan.inventories[0]!.creationTime}.`;
  await github.commitFiles(branch, await repo.baseHead(), [{ path: jsonPath, content: texts.json }, { path: mdPath, content: texts.markdown }], message, branchSha !== undefined);
  if (open) {
    await github.updatePullRequest(open.number, title, body);
    return result("updated", `updated pull request #${open.number} to plan ${plan.id}${onBranch ? ` (was ${onBranch})` : ""}.`, open);
  }
  const created = await github.createPullRequest(branch, base, title, body);
  return result("opened", `opened pull request #${created.number} for plan ${plan.id}.`, created);
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
