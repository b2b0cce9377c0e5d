/**
 * Invalid stack configuration fails the run (what `pulumi preview` shows) with a message naming the
 * key at fault, and the program declares nothing but the stack itself.
 */
import { describe, expect, it } from "vitest";
import { ProgramRunError, readStackConfig, runProgram } from "../../helpers/pulumi-program.ts";

function devWith(change: (config: Record<string, any>) => void): { config: Record<string, unknown> } {
  const config = structuredClone(readStackConfig("dev")) as Record<string, any>;
  change(config);
  return { config };
}

async function failureOf(stack: Parameters<typeof runProgram>[0], options?: Parameters<typeof runProgram>[1]): Promise<ProgramRunError> {
  try {
    await runProgram(stack, options);
  } catch (error) {
    if (error instanceof ProgramRunError) return error;
    throw error;
  }
  throw new Error("expected the program to fail");
}

describe("program with invalid stack configuration", () => {
  it.each([
    ["an unknown bucket option", (c: Record<string, any>) => (c["bucket-keys:buckets"][1].versionned = true), "bucket-keys:buckets[1].versionned: unknown option (expected one of: name, versioned, exempt, expireNoncurrentVersions, inventory)"],
    ["a bucket listed twice", (c: Record<string, any>) => c["bucket-keys:buckets"].push({ name: "acme-dev-app-uploads" }), "bucket-keys:buckets[3].name: bucket 'acme-dev-app-uploads' is listed twice (also at buckets[0])"],
    ["an invalid key ARN", (c: Record<string, any>) => (c["bucket-keys:kms"] = { keyArn: "alias/aws/s3" }), "bucket-keys:kms.keyArn: expected a full KMS key ARN like 'arn:aws:kms:"],
    ["a missing key when not creating one", (c: Record<string, any>) => (c["bucket-keys:kms"] = { create: false }), "bucket-keys:kms.keyArn: missing: give the ARN of an existing key"],
  ])("fails on %s, naming the key", async (_case, change, expected) => {
    const failure = await failureOf(devWith(change));
    expect(failure.message).toContain(expected);
    expect(failure.message).toMatch(/^Invalid stack configuration/);
    expect(failure.resources.map((resource) => resource.type)).toEqual(["pulumi:pulumi:Stack"]);
  });

  it("lists a malformed bucket name and a duplicate bucket of the same list together", async () => {
    const failure = await failureOf(devWith((c) => c["bucket-keys:buckets"].push({ name: "Zeta_Raw" }, { name: "acme-dev-app-uploads" })));
    expect(failure.message).toMatch(/^Invalid stack configuration \(2 problems\):\n  bucket-keys:buckets\[3\]\.name: expected an S3 bucket name.*\n  bucket-keys:buckets\[4\]\.name: bucket 'acme-dev-app-uploads' is listed twice \(also at buckets\[0\]\)/);
  });

  it("fails when the existing key belongs to another account than the one deploying", async () => {
    const failure = await failureOf("prod", { accountId: "210987654321" });
    expect(failure.message).toContain("bucket-keys:kms.keyArn: the key belongs to account 123456789012, but the stack deploys to account 210987654321");
    expect(failure.message).toContain("bucket-keys:github.oidcProviderArn: the provider belongs to account 123456789012");
  });

  it("prints the message without a stack trace, as Pulumi does for RunError", async () => {
    const failure = await failureOf(devWith((c) => delete c["bucket-keys:github"]));
    expect(failure.message).toBe(
      "Invalid stack configuration (1 problem):\n  bucket-keys:github: missing (expected object)\nFix these with `pulumi config set` or in the stack's Pulumi.<stack>.yaml; docs/deploy.md lists every key.",
    );
  });
});
