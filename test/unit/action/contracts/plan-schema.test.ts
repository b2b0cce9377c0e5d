import { describe, expect, it } from "vitest";
import { PlanError } from "../../../../action/contracts/errors.ts";
import { canonicalJson, computePlanId, serializePlan, validatePlan, type Plan } from "../../../../action/contracts/plan-schema.ts";
import { job, uploadedPlan } from "../fixtures/plan.ts";

const plan = uploadedPlan([job({ id: "update-logs-bucket" }), job({ id: "copy-logs-bucket-standard", operation: "S3PutObjectCopy", storageClass: "STANDARD" })]);
const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
/** A copy of the plan with `edit` applied and its id recomputed, as someone editing plan.json by hand could. */
const rehashed = (edit: (draft: Plan) => void): Plan => {
  const draft = structuredClone(plan);
  edit(draft);
  return { ...draft, id: computePlanId(draft) };
};

function failure(input: unknown): PlanError {
  try {
    validatePlan(input, "bucket-key-plans/logs-bucket/plan.json");
  } catch (error) {
    if (error instanceof PlanError) return error;
    throw error;
  }
  throw new Error("validatePlan accepted the plan");
}

describe("validatePlan", () => {
  it("accepts a plan as serialized to plan.json", () => {
    expect(validatePlan(JSON.parse(serializePlan(plan)), "plan.json")).toEqual(plan);
  });

  it("rejects a plan edited after it was generated, naming the id field and both ids", () => {
    const edited = roundTrip(plan) as Plan;
    edited.jobs[0]!.bucket = "other-bucket";
    const error = failure(edited);
    expect(error.field).toBe("id");
    expect(error.message).toContain(`field "id" is "${plan.id}" but the plan's content hashes to "${computePlanId(edited)}"`);
  });

  it("rejects fields the schema does not know, naming the field", () => {
    const error = failure({ ...(roundTrip(plan) as object), roleArn: "arn:aws:iam::999999999999:role/attacker" });
    expect(error.message).toContain('Unrecognized key: "roleArn"');
  });

  it("rejects a job whose manifest path is not named after the job, even with the id recomputed", () => {
    const error = failure(rehashed((draft) => void (draft.jobs[1]!.manifest.path = "manifests/update-logs-bucket.csv")));
    expect(error.field).toBe("jobs[1].manifest.path");
  });

  it("rejects two jobs with the same id, even with the id recomputed", () => {
    const error = failure(rehashed((draft) => void (draft.jobs[1]!.id = "update-logs-bucket")));
    expect(error.field).toBe("jobs[1].id");
  });

  it("rejects a KMS key that is not a full key ARN", () => {
    const error = failure(rehashed((draft) => void (draft.kmsKeyArn = "alias/aws/s3")));
    expect(error.field).toBe("kmsKeyArn");
    expect(error.message).toContain("full key ARN");
  });

  it("accepts byte totals beyond 2^53 (a bucket holding more than 9 PB in one job)", () => {
    const huge = rehashed((draft) => {
      draft.jobs[0]!.bytes = 2 ** 53 + 2 ** 40;
      draft.totals.bytes = 2 ** 54;
    });
    expect(validatePlan(roundTrip(huge), "plan.json").jobs[0]!.bytes).toBe(2 ** 53 + 2 ** 40);
  });
});

describe("computePlanId", () => {
  it("ignores where the manifests were uploaded, which is only known once the id names the folder", () => {
    const moved = structuredClone(plan);
    for (const item of moved.jobs) Object.assign(item.manifest, { uri: "s3://elsewhere/x.csv", etag: "other" });
    expect(computePlanId(moved)).toBe(plan.id);
  });

  it("does not depend on the order of object keys", () => {
    const reordered = JSON.parse(canonicalJson(plan)) as Plan;
    expect(Object.keys(reordered)).not.toEqual(Object.keys(plan));
    expect(computePlanId(reordered)).toBe(plan.id);
  });
});
