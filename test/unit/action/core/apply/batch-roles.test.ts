import { describe, expect, it } from "vitest";
import { batchRoleArnFor, parseBatchRoles } from "../../../../../action/core/apply/batch-roles.ts";
import { InputError } from "../../../../../action/contracts/errors.ts";

const ACCOUNT = "111122223333";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/bucket-keys-prod-batch`;
const ROLE_2 = `arn:aws:iam::${ACCOUNT}:role/bucket-keys-prod-batch-2`;

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError && error.input === "batch-role-arn") return error.message;
    throw error;
  }
  throw new Error("expected an InputError for batch-role-arn");
}

describe("parseBatchRoles", () => {
  it("gives one role to every bucket when the setting is a single ARN", () => {
    const roles = parseBatchRoles(ROLE, ACCOUNT, "input");
    expect(roles).toEqual({ batchRoleArn: ROLE, partition: "aws", batchRoleArnsByBucket: new Map() });
    expect(batchRoleArnFor(roles, "any-bucket")).toBe(ROLE);
  });

  it("reads each role's ARN followed by its buckets, one per line, as the stack's actionWith output writes them", () => {
    const roles = parseBatchRoles(`${ROLE}\n  photos-prod\n  logs-prod\n${ROLE_2}\n  archive-prod\n`, ACCOUNT, "input");
    expect(batchRoleArnFor(roles, "logs-prod")).toBe(ROLE);
    expect(batchRoleArnFor(roles, "archive-prod")).toBe(ROLE_2);
    expect(batchRoleArnFor(roles, "unlisted")).toBeUndefined();
  });

  it("reads buckets after the ARN on the same line, as repeated CLI flags give them", () => {
    const roles = parseBatchRoles([`${ROLE} photos-prod,logs-prod`, `${ROLE_2} archive-prod`], ACCOUNT, "flag");
    expect([...roles.batchRoleArnsByBucket]).toEqual([["photos-prod", ROLE], ["logs-prod", ROLE], ["archive-prod", ROLE_2]]);
  });

  it.each([
    ["a bucket before any role", `photos-prod\n${ROLE}`, '"photos-prod" comes before any role ARN'],
    ["a role without buckets among several", `${ROLE}\n  photos-prod\n${ROLE_2}`, `role "${ROLE_2}" lists no buckets`],
    ["a bucket under two roles", `${ROLE}\n  photos-prod\n${ROLE_2}\n  photos-prod`, 'bucket "photos-prod" is listed under'],
    ["a malformed bucket", `${ROLE}\n  Photos_Prod`, '"Photos_Prod" (listed under role'],
    ["a user ARN", `arn:aws:iam::${ACCOUNT}:user/someone`, "is not an IAM role ARN"],
    ["a role of another account", "arn:aws:iam::999999999999:role/batch", "belongs to account 999999999999"],
    ["the same role twice", `${ROLE} a-bucket\n${ROLE} b-bucket`, "is given twice"],
    ["nothing", " \n ", "is required for apply"],
  ])("refuses %s, naming the input", (_case, value, message) => {
    expect(messageOf(() => parseBatchRoles(value, ACCOUNT, "input"))).toContain(message);
  });

  it("names the CLI flag when called from the CLI", () => {
    expect(messageOf(() => parseBatchRoles("photos-prod", ACCOUNT, "flag"))).toMatch(/^--batch-role-arn: /);
  });
});
