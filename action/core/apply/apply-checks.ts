/**
 * The checks apply runs before it creates any job. Pure: the manifest objects' current ETags and
 * checksums, and what reading each one found, are looked up by the caller and passed in. Apply
 * creates nothing unless every job of every changed plan passes.
 *
 * What the ETag proves, and what it does not: S3 gives an object a new ETag whenever it is written,
 * so an ETag equal to the plan's says the object was not rewritten since the upload the plan
 * recorded. But plan.json's `etag` is not covered by the plan id (uploads happen after the id is
 * fixed), so a pull request can change it in one line to the ETag of a replaced object; and an ETag is
 * an MD5 of the bytes only for single-part uploads without SSE-KMS. So the content itself is checked:
 * S3's full-object SHA-256 when it has one, and in every case the object is read whole, its SHA-256
 * compared with the plan's `sha256` (which the id covers), its lines checked (manifest-lines.ts).
 */
import type { Plan, PlanJob } from "../../contracts/plan-schema.ts";
import { formatS3Location, type S3Location } from "../settings/s3-location.ts";
import type { BadManifestLine } from "./manifest-lines.ts";

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

/** What reading a manifest object whole found. */
export type ManifestContent =
  | { kind: "read"; sha256: string; bytes: number; lines: number; bad: BadManifestLine | undefined }
  /** The object changed while it was read (another ETag, or a 412 to the read pinned to the plan's). */
  | { kind: "changed"; detail: string };

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

/** Compares what reading a manifest found with the plan: its SHA-256, the bucket each line names, its line count. */
export function checkManifestContent(file: string, job: PlanJob, index: number, content: ManifestContent): ApplyProblem | undefined {
  const at = `jobs[${index}].manifest`;
  const uri = job.manifest.uri ?? "(none)";
  if (content.kind === "changed") {
    return { file, jobId: job.id, field: `${at}.etag`, message: `${file}: job "${job.id}" manifest "${uri}" changed while apply read it (${content.detail}). ${NEXT_STEP}` };
  }
  if (content.sha256 !== job.manifest.sha256) {
    return { file, jobId: job.id, field: `${at}.sha256`, message: `${file}: job "${job.id}" manifest "${uri}" has different content than approved (sha256 in plan ${job.manifest.sha256} vs read from S3 ${content.sha256}, ${content.bytes} bytes vs ${job.manifest.bytes} planned). ${NEXT_STEP}` };
  }
  if (content.bad !== undefined) {
    const { line, text, problem } = content.bad;
    const what =
      problem === "other-bucket"
        ? `does not name the job's bucket "${job.bucket}" as its first field`
        : problem === "field-count"
          ? `does not have the plan's fields (${job.manifest.fields.join(",")})`
          : `is longer than any manifest line`;
    return { file, jobId: job.id, field: `${at}.uri`, message: `${file}: job "${job.id}" manifest "${uri}" line ${line} ("${text}") ${what}; apply creates jobs only for manifests that stay within the job's bucket. ${NEXT_STEP}` };
  }
  if (content.lines !== job.objects) {
    return { file, jobId: job.id, field: `jobs[${index}].objects`, message: `${file}: job "${job.id}" manifest "${uri}" has ${content.lines} lines but the plan counts ${job.objects} objects. ${NEXT_STEP}` };
  }
  return undefined;
}

/**
 * Every problem across every changed plan: static checks, then, for the jobs that passed them, what
 * HeadObject says (`heads`) and what reading the object found (`contents`, for the jobs whose head passed).
 */
export function findApplyProblems(
  planFiles: readonly PlanFile[],
  settings: ApplyCheckSettings,
  heads: ReadonlyMap<string, ManifestHead | undefined>,
  contents: ReadonlyMap<string, ManifestContent>,
): ApplyProblem[] {
  const problems: ApplyProblem[] = [];
  for (const planFile of planFiles) {
    const staticProblems = checkPlanStatic(planFile, settings);
    problems.push(...staticProblems);
    planFile.plan.jobs.forEach((job, index) => {
      if (staticProblems.some((problem) => problem.jobId === job.id) || job.manifest.uri === undefined) return;
      const uri = job.manifest.uri;
      const notChecked: ApplyProblem = { file: planFile.file, jobId: job.id, field: `jobs[${index}].manifest.uri`, message: `${planFile.file}: job "${job.id}" manifest "${uri}" was not checked. Nothing was created.` };
      if (!heads.has(uri)) {
        problems.push(notChecked);
        return;
      }
      const problem = checkManifestHead(planFile.file, job, index, heads.get(uri));
      if (problem) {
        problems.push(problem);
        return;
      }
      const content = contents.get(uri);
      if (content === undefined) {
        problems.push(notChecked);
        return;
      }
      const contentProblem = checkManifestContent(planFile.file, job, index, content);
      if (contentProblem) problems.push(contentProblem);
    });
  }
  return problems;
}

/** The jobs whose manifest object apply must read: those that passed the static checks and the HeadObject checks. */
export function manifestsToRead(planFiles: readonly PlanFile[], settings: ApplyCheckSettings, heads: ReadonlyMap<string, ManifestHead | undefined>): PlanJob[] {
  const jobs: PlanJob[] = [];
  for (const planFile of planFiles) {
    const failed = new Set(checkPlanStatic(planFile, settings).map((problem) => problem.jobId));
    planFile.plan.jobs.forEach((job, index) => {
      const uri = job.manifest.uri;
      if (failed.has(job.id) || uri === undefined || !heads.has(uri)) return;
      if (checkManifestHead(planFile.file, job, index, heads.get(uri)) === undefined) jobs.push(job);
    });
  }
  return jobs;
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
