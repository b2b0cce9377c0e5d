import { describe, expect, it } from "vitest";
import { InputError } from "../../../../../action/contracts/errors.ts";
import { validatePlanOptions, type RawPlanOptions } from "../../../../../action/core/plan/options.ts";

const ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const base: RawPlanOptions = { inventory: ["s3://inv/photos/cfg/2026-11-01T00-00Z/manifest.json"], "kms-key-arn": ARN, out: "plans/photos" };

describe("validatePlanOptions", () => {
  it("returns typed options with defaults and a manifest prefix ending in a slash", () => {
    expect(validatePlanOptions({ ...base, "manifest-uri": "s3://manifests/bucket-keys", region: "eu-west-1" }, "flag")).toEqual({
      inventories: ["s3://inv/photos/cfg/2026-11-01T00-00Z/manifest.json"],
      kmsKeyArn: ARN,
      outDir: "plans/photos",
      operation: "auto",
      manifestUri: "s3://manifests/bucket-keys/",
      region: "eu-west-1",
      timeouts: { connectMs: 3100, idleMs: 30_000, awsRequestMs: 60_000, gitHubAttemptMs: 30_000 },
    });
  });

  it("derives every network timeout from --idle-timeout", () => {
    expect(validatePlanOptions({ ...base, "idle-timeout": "2" }, "flag").timeouts).toEqual({ connectMs: 2000, idleMs: 2000, awsRequestMs: 4000, gitHubAttemptMs: 2000 });
  });

  it("splits a multi-line inventory input, as the Action passes it", () => {
    const options = validatePlanOptions({ ...base, inventory: "a/manifest.json\n\n  b/manifest.json  \n" }, "input");
    expect(options.inventories).toEqual(["a/manifest.json", "b/manifest.json"]);
  });

  it.each([
    [{ "kms-key-arn": "alias/photos" }, "kms-key-arn", `--kms-key-arn: "alias/photos" is not a full KMS key ARN. S3UpdateObjectEncryption accepts only a key ARN (no alias, no bare key id), e.g. "${ARN}".`],
    [{ "kms-key-arn": undefined }, "kms-key-arn", `--kms-key-arn: is required: the full ARN of the KMS key objects move to, e.g. "${ARN}".`],
    [{ inventory: [] }, "inventory", '--inventory: is required: the inventory\'s manifest.json, e.g. "s3://inventory-bucket/inventory/photos/bucket-keys/2026-11-01T00-00Z/manifest.json" or a local path to it.'],
    [{ inventory: ["s3://inv/photos/data/x.csv.gz"] }, "inventory", '--inventory: "s3://inv/photos/data/x.csv.gz" is not an inventory manifest.json. Point it at the manifest.json of one report, e.g. "s3://inventory-bucket/inventory/photos/bucket-keys/2026-11-01T00-00Z/manifest.json".'],
    [{ operation: "rewrite" }, "operation", '--operation: "rewrite" is not one of auto, update, copy. Use "auto" unless you need the tutorial\'s copy-everything method ("copy").'],
    [{ "manifest-uri": "https://x/y" }, "manifest-uri", '--manifest-uri: "https://x/y" is not an s3:// prefix. Expected "s3://<bucket>/<prefix>/", e.g. "s3://batch-manifests/bucket-keys/".'],
    [{ out: " " }, "out", '--out: is required: the folder to write plan.json, plan.md and manifests/ into, e.g. "plans/photos".'],
    [{ region: "virginia" }, "region", '--region: "virginia" is not an AWS Region name, e.g. "us-east-1".'],
    [{ "endpoint-url": "localhost:4566" }, "endpoint-url", '--endpoint-url: "localhost:4566" is not an http(s) URL, e.g. "http://127.0.0.1:4568".'],
    [{ "idle-timeout": "0.5" }, "idle-timeout", '--idle-timeout: "0.5" is not a whole number of seconds from 1 to 3600 (default 30): how long a connection may stay silent before the attempt is retried.'],
    [{ "idle-timeout": "0" }, "idle-timeout", '--idle-timeout: "0" is not a whole number of seconds from 1 to 3600'],
  ])("rejects %o naming the flag", (change, input, message) => {
    const run = () => validatePlanOptions({ ...base, ...change } as RawPlanOptions, "flag");
    expect(run).toThrow(InputError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect((error as InputError).input).toBe(input);
    }
  });

  it("names the Action input instead of the flag when validating inputs", () => {
    expect(() => validatePlanOptions({ ...base, "kms-key-arn": "key/1" }, "input")).toThrow(/^input "kms-key-arn": "key\/1" is not a full KMS key ARN/);
  });
});
