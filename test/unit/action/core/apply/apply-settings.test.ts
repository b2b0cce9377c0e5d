import { describe, expect, it } from "vitest";
import { validateApplySettings } from "../../../../../action/core/apply/apply-settings.ts";
import { InputError } from "../../../../../action/contracts/errors.ts";

const valid = {
  "account-id": "111122223333",
  region: "eu-west-1",
  "batch-role-arn": "arn:aws:iam::111122223333:role/bucket-keys-batch",
  "manifest-uri": "s3://reports-bucket/bucket-keys/manifests",
  "report-uri": "s3://reports-bucket/bucket-keys/job-reports/",
  "allowed-buckets": "logs-bucket\ndata-bucket, media-bucket",
};

function errorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("validateApplySettings", () => {
  it("reads every setting, adding the trailing slash to locations and splitting the allowlist on newlines and commas", () => {
    const settings = validateApplySettings(valid, "input");
    expect(settings.manifestLocation).toEqual({ bucket: "reports-bucket", prefix: "bucket-keys/manifests/" });
    expect([...settings.allowedBuckets]).toEqual(["logs-bucket", "data-bucket", "media-bucket"]);
    expect(settings.priority).toBe(10);
    expect(settings.waitMinutes).toBe(0);
    expect(settings.partition).toBe("aws");
  });

  it.each([
    ["account-id", "12345", 'input "account-id": "12345" is not a 12-digit AWS account id.'],
    ["region", "Europe", 'input "region": "Europe" is not an AWS Region name like "us-east-1".'],
    ["manifest-uri", "https://example.com/x", 'input "manifest-uri": "https://example.com/x" is not an S3 location'],
    ["allowed-buckets", "logs-*", 'input "allowed-buckets": "logs-*" is not a bucket name'],
    ["priority", "-1", 'input "priority": "-1" is not a whole number from 0 to 2147483647.'],
    ["wait-minutes", "1000", 'input "wait-minutes": "1000" is not a whole number from 0 to 360.'],
    ["tags", "no-equals-sign", 'input "tags": "no-equals-sign" is not "key=value"'],
    ["tags", "bucket-keys:plan-id=x", 'uses the reserved prefix "bucket-keys:"'],
  ])("names input %s when it is %j", (name, value, message) => {
    const error = errorOf(() => validateApplySettings({ ...valid, [name]: value }, "input"));
    expect(error.input).toBe(name);
    expect(error.message).toContain(message);
  });

  it("names the CLI flag instead of the input when called from the CLI", () => {
    expect(errorOf(() => validateApplySettings({ ...valid, "account-id": undefined }, "flag")).message).toContain("--account-id is required for apply");
  });

  it("refuses a Batch Operations role from another account than account-id", () => {
    const error = errorOf(() => validateApplySettings({ ...valid, "batch-role-arn": "arn:aws:iam::999988887777:role/x" }, "input"));
    expect(error.message).toContain("belongs to account 999988887777");
  });

  it("parses tags given one per line, keeping commas inside values", () => {
    const settings = validateApplySettings({ ...valid, tags: "team=storage\ncost-center=a,b" }, "input");
    expect(settings.tags).toEqual([{ Key: "team", Value: "storage" }, { Key: "cost-center", Value: "a,b" }]);
  });
});
