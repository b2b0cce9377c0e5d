import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { ACTION_INPUTS, buildActionWithBlock } from "../../../infra/action-with-block.ts";

const args = {
  accountId: "012345678901",
  region: "eu-west-1",
  kmsKeyArn: "arn:aws:kms:eu-west-1:012345678901:key/k",
  inventoryLocations: ["s3://r/inventory/a/bucket-keys/", "s3://r/inventory/b/bucket-keys/"],
  inventoryPrefix: "s3://r/inventory/",
  manifestUri: "s3://r/manifests/",
  reportUri: "s3://r/job-reports/",
  batchRoles: [{ roleArn: "arn:aws:iam::012345678901:role/batch", buckets: ["a", "b"] }],
  plannerRoleArn: "arn:aws:iam::012345678901:role/planner",
  executorRoleArn: "arn:aws:iam::012345678901:role/executor",
  allowedBuckets: ["a", "b"],
};

describe("buildActionWithBlock", () => {
  const text = buildActionWithBlock(args);
  const parsed = parseYaml(text) as { with: Record<string, string> };

  it("is valid YAML with one `with:` mapping of every Action input it promises", () => {
    expect(Object.keys(parsed.with).sort()).toEqual(Object.values(ACTION_INPUTS).sort());
  });

  it("keeps the account id a string (a leading zero would be lost as a YAML number)", () => {
    expect(parsed.with["account-id"]).toBe("012345678901");
  });

  it("gives list inputs one value per line", () => {
    expect(parsed.with["inventory"]).toBe("s3://r/inventory/a/bucket-keys/\ns3://r/inventory/b/bucket-keys/\n");
    expect(parsed.with["allowed-buckets"]).toBe("a\nb\n");
  });

  it("gives the Batch role as one ARN when the stack has one", () => {
    expect(parsed.with["batch-role-arn"]).toBe("arn:aws:iam::012345678901:role/batch");
  });

  it("gives each Batch role followed by its buckets, one per line, when the stack has several", () => {
    const roles = [
      { roleArn: "arn:aws:iam::012345678901:role/batch", buckets: ["a", "b"] },
      { roleArn: "arn:aws:iam::012345678901:role/batch-2", buckets: ["c"] },
    ];
    const several = parseYaml(buildActionWithBlock({ ...args, batchRoles: roles, allowedBuckets: ["a", "b", "c"] })) as { with: Record<string, string> };
    expect(several.with["batch-role-arn"]).toBe("arn:aws:iam::012345678901:role/batch\n  a\n  b\narn:aws:iam::012345678901:role/batch-2\n  c\n");
  });

  it("gives the inventory folder instead of a list too long for one environment variable (1,000 buckets of 63 characters)", () => {
    const locations = Array.from({ length: 1000 }, (_, index) => `s3://${"r".repeat(63)}/inventory/${String(index).padStart(63, "b")}/bucket-keys/`);
    const block = parseYaml(buildActionWithBlock({ ...args, inventoryLocations: locations })) as { with: Record<string, string> };
    expect(block.with["inventory"]).toBe("s3://r/inventory/");
    expect(locations.join("\n").length).toBeGreaterThan(131_072);
  });

  it("names which role each command assumes", () => {
    expect(text).toContain("role-to-assume: arn:aws:iam::012345678901:role/planner   (command: plan)");
    expect(text).toContain("role-to-assume: arn:aws:iam::012345678901:role/executor   (command: apply, status)");
  });
});
