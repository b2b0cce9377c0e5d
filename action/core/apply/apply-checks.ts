/**
 * The checks apply runs before it creates any job. Pure: the manifest objects' current ETags and
 * checksums are looked up by the caller and passed in. Apply creates nothing unless every job of
 * every changed plan passes.
 */
import type { Plan, PlanJob } from "../../contracts/plan-schema.ts";
import { formatS3Location, type S3Location } from "../settings/s3-location.ts";

export interface ApplyCheckSettings {
  manifestLocation: S3Location;
  allowedBuckets: ReadonlySet<string>;
  kmsKeyArn: string | undefined;
  /** When `batch-role-arn` gives a role per bucket: every job's bucket must have one. */
  batchRoleArnsByBucket?: ReadonlyMap<string, string>;
}

export interface PlanFile {
  /** Repository path of the plan.json, for messages and annotations. */
  file: string;
  plan: Plan;
}

/** What HeadObject says about a manifest today; `undefined` in the map when the object does not exist. */
export interface ManifestHead {
  /** Without quotes. */
  etag: string;
  /** Base64 sha256 of the object, when S3 stored a full-object SHA-256 checksum. */
  checksumSha256: string | undefined;
}

export interface ApplyProblem {
  file: string;
  jobId: string | undefined;
  field: string;
  message: string;
}

const NEXT_STEP = "Nothing was created. Re-run the plan workflow and approve the new pull request.";

/** Where a job's manifest must be: `<manifest-uri><plan id>/<job id>.csv`. */
export function expectedManifestUri(settings: Pick<ApplyCheckSettings, "manifestLocation">, plan: Plan, job: PlanJob): string {
  return `${formatS3Location(settings.manifestLocation)}${plan.id}/${job.id}.csv`;
}

/** Checks that need no AWS call: manifest location, bucket allowlist, KMS key. */
export function checkPlanStatic(planFile: PlanFile, settings: ApplyCheckSettings): ApplyProblem[] {
  const { file, plan } = planFile;
  const problems: ApplyProblem[] = [];
  if (settings.kmsKeyArn !== undefined && plan.kmsKeyArn !== settings.kmsKeyArn) {
    problems.push({ file, jobId: undefined, field: "kmsKeyArn", message: `${file}: field "kmsKeyArn" is "${plan.kmsKeyArn}" but the workflow allows only "${settings.kmsKeyArn}" (input "kms-key-arn"). ${NEXT_STEP}` });
  }
  plan.jobs.forEach((job, index) => {
    const at = `jobs[${index}]`;
    if (!settings.allowedBuckets.has(job.bucket)) {
      const allowed = [...settings.allowedBuckets].join(", ");
      problems.push({ file, jobId: job.id, field: `${at}.bucket`, message: `${file}: job "${job.id}" targets bucket "${job.bucket}", which is not in input "allowed-buckets" (${allowed}). Add the bucket to the workflow's allowlist if it is managed, otherwise reject this plan. Nothing was created.` });
    } else if (settings.batchRoleArnsByBucket !== undefined && settings.batchRoleArnsByBucket.size > 0 && !settings.batchRoleArnsByBucket.has(job.bucket)) {
      problems.push({ file, jobId: job.id, field: `${at}.bucket`, message: `${file}: job "${job.id}" targets bucket "${job.bucket}", which no role in input "batch-role-arn" serves. List it under the Batch Operations role the stack gives it (\`pulumi stack output actionWith\`). Nothing was created.` });
    }
    const expected = expectedManifestUri(settings, plan, job);
    if (job.manifest.uri === undefined || job.manifest.etag === undefined) {
      problems.push({ file, jobId: job.id, field: `${at}.manifest.uri`, message: `${file}: job "${job.id}" has no uploaded manifest (field "${at}.manifest.uri"/"etag" missing); a plan for apply must be made with a manifest location. ${NEXT_STEP}` });
    } else if (job.manifest.uri !== expected) {
      problems.push({ file, jobId: job.id, field: `${at}.manifest.uri`, message: `${file}: job "${job.id}" manifest is "${job.manifest.uri}" but apply only accepts "${expected}" (input "manifest-uri" + plan id + job id). ${NEXT_STEP}` });
    }
  });
  return problems;
}

/** Compares a manifest's current object with what the plan recorded at approval. */
export function checkManifestHead(file: string, job: PlanJob, index: number, head: ManifestHead | undefined): ApplyProblem | undefined {
  const at = `jobs[${index}].manifest`;
  const uri = job.manifest.uri ?? "(none)";
  if (head === undefined) {
    return { file, jobId: job.id, field: `${at}.uri`, message: `${file}: job "${job.id}" manifest "${uri}" does not exist (it was deleted or expired since the plan was made). ${NEXT_STEP}` };
  }
  if (head.etag !== job.manifest.etag) {
    return { file, jobId: job.id, field: `${at}.etag`, message: `${file}: job "${job.id}" manifest "${uri}" was replaced after approval (ETag in plan ${job.manifest.etag} vs in S3 ${head.etag}). ${NEXT_STEP}` };
  }
  if (head.checksumSha256 !== undefined) {
    const actual = Buffer.from(head.checksumSha256, "base64").toString("hex");
    if (actual !== job.manifest.sha256) {
      return { file, jobId: job.id, field: `${at}.sha256`, message: `${file}: job "${job.id}" manifest "${uri}" has different content than approved (sha256 in plan ${job.manifest.sha256} vs in S3 ${actual}). ${NEXT_STEP}` };
    }
  }
  return undefined;
}

/** Every problem across every changed plan: static checks, then manifest checks for the jobs that passed them. */
export function findApplyProblems(planFiles: readonly PlanFile[], settings: ApplyCheckSettings, heads: ReadonlyMap<string, ManifestHead | undefined>): ApplyProblem[] {
  const problems: ApplyProblem[] = [];
  for (const planFile of planFiles) {
    const staticProblems = checkPlanStatic(planFile, settings);
    problems.push(...staticProblems);
    planFile.plan.jobs.forEach((job, index) => {
      if (staticProblems.some((problem) => problem.jobId === job.id) || job.manifest.uri === undefined) return;
      if (!heads.has(job.manifest.uri)) {
        problems.push({ file: planFile.file, jobId: job.id, field: `jobs[${index}].manifest.uri`, message: `${planFile.file}: job "${job.id}" manifest "${job.manifest.uri}" was not checked. Nothing was created.` });
        return;
      }
      const problem = checkManifestHead(planFile.file, job, index, heads.get(job.manifest.uri));
      if (problem) problems.push(problem);
    });
  }
  return problems;
}

/** The manifest URIs apply must look up: those of jobs that passed the static checks. */
export function manifestUrisToCheck(planFiles: readonly PlanFile[], settings: ApplyCheckSettings): string[] {
  const uris: string[] = [];
  for (const planFile of planFiles) {
    const failed = new Set(checkPlanStatic(planFile, settings).map((problem) => problem.jobId));
    for (const job of planFile.plan.jobs) if (!failed.has(job.id) && job.manifest.uri !== undefined) uris.push(job.manifest.uri);
  }
  return uris;
}
