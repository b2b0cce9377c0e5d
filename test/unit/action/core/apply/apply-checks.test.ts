import { describe, expect, it } from "vitest";
import { checkPlanStatic, findApplyProblems, manifestsToRead, manifestUrisToCheck, type ManifestContent, type ManifestHead } from "../../../../../action/core/apply/apply-checks.ts";
import { validatePlan } from "../../../../../action/contracts/plan-schema.ts";
import { job, KMS_KEY_ARN, uploadedPlan } from "../../fixtures/plan.ts";

const settings = {
  manifestLocation: { bucket: "reports-bucket", prefix: "manifests/" },
  allowedBuckets: new Set(["logs-bucket", "data-bucket"]),
  kmsKeyArn: undefined,
};
const FILE = "bucket-key-plans/logs-bucket/plan.json";
const sha256Base64 = Buffer.from("a".repeat(64), "hex").toString("base64");

function headsFor(plan: ReturnType<typeof uploadedPlan>, checksumSha256: string | undefined = sha256Base64): Map<string, ManifestHead | undefined> {
  return new Map(plan.jobs.map((item) => [item.manifest.uri!, { etag: item.manifest.etag!, checksumSha256 }]));
}

/** What reading each manifest finds: by default exactly what the plan recorded. */
function contentsFor(plan: ReturnType<typeof uploadedPlan>, change: Partial<Extract<ManifestContent, { kind: "read" }>> | ManifestContent = {}): Map<string, ManifestContent> {
  return new Map(plan.jobs.map((item) => [item.manifest.uri!, "kind" in change && change.kind === "changed" ? change : { kind: "read", sha256: item.manifest.sha256, bytes: item.manifest.bytes, lines: item.objects, bad: undefined, ...change } as ManifestContent]));
}

describe("apply checks", () => {
  it("passes a plan whose manifests sit at <manifest-uri><plan id>/<job id>.csv with matching ETag and sha256", () => {
    const plan = uploadedPlan([job({ id: "update-logs-bucket" })]);
    validatePlan(JSON.parse(JSON.stringify(plan)), FILE);
    expect(findApplyProblems([{ file: FILE, plan }], settings, headsFor(plan), contentsFor(plan))).toEqual([]);
  });

  it("refuses a job whose bucket is not in allowed-buckets, naming the bucket and the input", () => {
    const plan = uploadedPlan([job({ id: "update-other", bucket: "someone-elses-bucket" })]);
    const problems = checkPlanStatic({ file: FILE, plan }, settings);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain('targets bucket "someone-elses-bucket", which is not in input "allowed-buckets"');
    expect(problems[0]!.field).toBe("jobs[0].bucket");
  });

  it("refuses a job whose bucket is allowed but served by none of the Batch roles given per bucket", () => {
    const plan = uploadedPlan([job({ id: "update-data", bucket: "data-bucket" })]);
    const perBucket = { ...settings, batchRoleArnsByBucket: new Map([["logs-bucket", "arn:aws:iam::111122223333:role/batch"]]) };
    const problems = checkPlanStatic({ file: FILE, plan }, perBucket);
    expect(problems.map((problem) => [problem.field, problem.message])).toEqual([["jobs[0].bucket", expect.stringContaining('targets bucket "data-bucket", which no role in input "batch-role-arn" serves')]]);
    expect(checkPlanStatic({ file: FILE, plan: uploadedPlan([job({ id: "update-logs", bucket: "logs-bucket" })]) }, perBucket)).toEqual([]);
  });

  it("refuses a manifest outside manifest-uri even when the plan id matches", () => {
    const plan = uploadedPlan([job({ id: "update-logs-bucket" })], "s3://attacker-bucket/manifests/");
    const problems = checkPlanStatic({ file: FILE, plan }, settings);
    expect(problems[0]!.message).toContain(`only accepts "s3://reports-bucket/manifests/${plan.id}/update-logs-bucket.csv"`);
  });

  it("refuses a job without an uploaded manifest", () => {
    const plan = uploadedPlan([job({ id: "update-logs-bucket" })]);
    const { uri: _uri, etag: _etag, ...manifest } = plan.jobs[0]!.manifest;
    const bare = { ...plan, jobs: [{ ...plan.jobs[0]!, manifest }] };
    expect(checkPlanStatic({ file: FILE, plan: bare }, settings)[0]!.message).toContain("has no uploaded manifest");
  });

  it("refuses a plan whose KMS key differs from input kms-key-arn when that input is set", () => {
    const plan = uploadedPlan([job({ id: "update-logs-bucket" })]);
    const other = KMS_KEY_ARN.replace("1234abcd", "9999abcd");
    const problems = checkPlanStatic({ file: FILE, plan }, { ...settings, kmsKeyArn: other });
    expect(problems[0]!.field).toBe("kmsKeyArn");
  });

  it("refuses a manifest replaced after approval (ETag differs), quoting both ETags", () => {
    const plan = uploadedPlan([job({ id: "update-logs-bucket" })]);
    const heads = new Map([[plan.jobs[0]!.manifest.uri!, { etag: "replaced", checksumSha256: undefined }]]);
    const problems = findApplyProblems([{ file: FILE, plan }], settings, heads, new Map());
    expect(problems[0]!.message).toContain("was replaced after approval (ETag in plan etag-update-logs-bucket vs in S3 replaced)");
  });

  it("refuses a manifest whose stored SHA-256 differs from the plan's sha256", () => {
    const plan = uploadedPlan([job({ id: "update-logs-bucket" })]);
    const heads = new Map([[plan.jobs[0]!.manifest.uri!, { etag: "etag-update-logs-bucket", checksumSha256: Buffer.alloc(32, 1).toString("base64") }]]);
    expect(findApplyProblems([{ file: FILE, plan }], settings, heads, new Map())[0]!.field).toBe("jobs[0].manifest.sha256");
    expect(manifestsToRead([{ file: FILE, plan }], settings, heads)).toEqual([]);
  });

  it("refuses a manifest whose bytes read from S3 hash to another sha256 when S3 keeps no full-object checksum", () => {
    const plan = uploadedPlan([job({ id: "update-logs-bucket" })]);
    const heads = headsFor(plan, undefined);
    expect(manifestsToRead([{ file: FILE, plan }], settings, heads)).toEqual([plan.jobs[0]]);
    const problems = findApplyProblems([{ file: FILE, plan }], settings, heads, contentsFor(plan, { sha256: "c".repeat(64), bytes: 42 }));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain(`has different content than approved (sha256 in plan ${"a".repeat(64)} vs read from S3 ${"c".repeat(64)}, 42 bytes vs 100 planned)`);
  });

  it("refuses a manifest with a line naming another bucket, even when its sha256 matches (a plan edited with its id recomputed)", () => {
    const plan = uploadedPlan([job({ id: "update-logs-bucket" })]);
    const problems = findApplyProblems([{ file: FILE, plan }], settings, headsFor(plan), contentsFor(plan, { bad: { line: 3, text: "attacker-bucket,secret.txt,null", problem: "other-bucket" } }));
    expect(problems[0]!.message).toContain('line 3 ("attacker-bucket,secret.txt,null") does not name the job\'s bucket "logs-bucket" as its first field');
  });

  it("refuses a manifest whose line count differs from the job's object count", () => {
    const plan = uploadedPlan([job({ id: "update-logs-bucket" })]);
    const problems = findApplyProblems([{ file: FILE, plan }], settings, headsFor(plan), contentsFor(plan, { lines: 11 }));
    expect(problems[0]!.message).toContain("has 11 lines but the plan counts 10 objects");
    expect(problems[0]!.field).toBe("jobs[0].objects");
  });

  it("refuses a manifest that changed while it was read", () => {
    const plan = uploadedPlan([job({ id: "update-logs-bucket" })]);
    const problems = findApplyProblems([{ file: FILE, plan }], settings, headsFor(plan), contentsFor(plan, { kind: "changed", detail: "ETag x" }));
    expect(problems[0]!.message).toContain("changed while apply read it (ETag x)");
  });

  it("refuses a job whose manifest was not read", () => {
    const plan = uploadedPlan([job({ id: "update-logs-bucket" })]);
    expect(findApplyProblems([{ file: FILE, plan }], settings, headsFor(plan), new Map())[0]!.message).toContain("was not checked");
  });

  it("refuses a manifest that no longer exists", () => {
    const plan = uploadedPlan([job({ id: "update-logs-bucket" })]);
    const heads = new Map([[plan.jobs[0]!.manifest.uri!, undefined]]);
    expect(findApplyProblems([{ file: FILE, plan }], settings, heads, new Map())[0]!.message).toContain("does not exist");
  });

  it("reports problems of every plan, so one bad plan blocks all of them", () => {
    const good = uploadedPlan([job({ id: "update-logs-bucket" })]);
    const bad = uploadedPlan([job({ id: "update-x", bucket: "not-allowed" })]);
    const problems = findApplyProblems([{ file: FILE, plan: good }, { file: "p/not-allowed/plan.json", plan: bad }], settings, headsFor(good), contentsFor(good));
    expect(problems.map((problem) => problem.file)).toEqual(["p/not-allowed/plan.json"]);
  });

  it("looks up only manifests of jobs that passed the static checks", () => {
    const plan = uploadedPlan([job({ id: "update-logs-bucket" }), job({ id: "update-x", bucket: "not-allowed" })]);
    expect(manifestUrisToCheck([{ file: FILE, plan }], settings)).toEqual([plan.jobs[0]!.manifest.uri]);
  });
});
