import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as core from "./fixtures/core.ts";

vi.mock("@actions/core", () => import("./fixtures/core.ts"));
const { readInputs } = await import("../../../../../action/surfaces/action/inputs.ts");
const { run } = await import("../../../../../action/surfaces/action/main.ts");

const KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const applyInputs = {
  command: "apply",
  token: "ghs_secret",
  "account-id": "111122223333",
  region: "us-east-1",
  "batch-role-arn": "arn:aws:iam::111122223333:role/bucket-keys-batch",
  "manifest-uri": "s3://reports-bucket/manifests/",
  "report-uri": "s3://reports-bucket/job-reports/",
  "allowed-buckets": "logs-bucket",
};

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "");
  vi.stubEnv("AWS_DEFAULT_REGION", "");
});

afterEach(() => {
  vi.clearAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
});

describe("readInputs", () => {
  it("masks the token before anything else is read", () => {
    core.setInputs(applyInputs);
    readInputs();
    expect(core.setSecret).toHaveBeenCalledWith("ghs_secret");
  });

  it("returns typed apply settings from the inputs", () => {
    core.setInputs(applyInputs);
    const inputs = readInputs();
    expect(inputs.command).toBe("apply");
    if (inputs.command !== "apply") return;
    expect(inputs.apply.reportLocation).toEqual({ bucket: "reports-bucket", prefix: "job-reports/" });
    expect(inputs.common.planDir).toBe("bucket-key-plans");
  });

  it("takes the region from AWS_REGION when input region is empty, as configure-aws-credentials sets it", () => {
    vi.stubEnv("AWS_REGION", "eu-central-1");
    core.setInputs({ ...applyInputs, region: "" });
    const inputs = readInputs();
    expect(inputs.command === "apply" && inputs.apply.region).toBe("eu-central-1");
  });

  it("fails naming input command when it is not plan, apply or status", () => {
    core.setInputs({ ...applyInputs, command: "destroy" });
    expect(() => readInputs()).toThrow('input "command": "destroy" is not one of plan, apply, status.');
  });

  it("fails naming input kms-key-arn when plan gets a key alias instead of a key ARN", () => {
    core.setInputs({ command: "plan", token: "t", inventory: "s3://inventory-bucket/inventory/", "manifest-uri": "s3://reports-bucket/manifests/", "kms-key-arn": "alias/bucket-keys" });
    expect(() => readInputs()).toThrow('input "kms-key-arn": "alias/bucket-keys" is not a full KMS key ARN');
  });

  it("fails naming input manifest-uri when plan has no manifest location", () => {
    core.setInputs({ command: "plan", token: "t", inventory: "s3://inventory-bucket/inventory/", "kms-key-arn": KMS });
    expect(() => readInputs()).toThrow('input "manifest-uri" is required for plan');
  });

  it("fails naming input allowed-buckets when apply has no allowlist", () => {
    core.setInputs({ ...applyInputs, "allowed-buckets": "" });
    expect(() => readInputs()).toThrow('input "allowed-buckets" is required for apply');
  });
});

describe("run", () => {
  it("sets a failed status naming the input when an input is invalid", async () => {
    core.setInputs({ ...applyInputs, "account-id": "abc" });
    await run();
    expect(core.setFailed).toHaveBeenCalledWith('input "account-id": "abc" is not a 12-digit AWS account id.');
  });

  it("refuses apply on a pull_request event before any AWS or GitHub call", async () => {
    vi.stubEnv("GITHUB_REPOSITORY", "acme/data");
    vi.stubEnv("GITHUB_API_URL", "http://127.0.0.1:9");
    core.setInputs(applyInputs);
    const github = await import("@actions/github");
    github.context.eventName = "pull_request";
    github.context.payload = { pull_request: { number: 3 } };
    await run();
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringContaining('apply runs only on "push" to the default branch (this run is "pull_request")'));
    expect(core.setOutput).not.toHaveBeenCalled();
  });
});
