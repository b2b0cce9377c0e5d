/** The runProgram contract that other suites (the policy pack's) rely on. */
import { describe, expect, it } from "vitest";
import { mockCall } from "../../helpers/pulumi-mock-aws.ts";
import { readPulumiProject, runProgram } from "../../helpers/pulumi-program.ts";

describe("runProgram", () => {
  it("keeps concurrent runs apart: each sees only its own stack's config and resources", async () => {
    const [dev, prod] = await Promise.all([runProgram("dev"), runProgram("prod")]);
    expect(JSON.stringify(dev.resources)).not.toContain("acme-prod");
    expect(JSON.stringify(prod.resources)).not.toContain("acme-dev");
    expect(dev.resources[0]?.urn).toBe("urn:pulumi:dev::bucket-keys::pulumi:pulumi:Stack::bucket-keys-dev");
    expect(prod.resources[0]?.urn).toBe("urn:pulumi:prod::bucket-keys::pulumi:pulumi:Stack::bucket-keys-prod");
  });

  it("builds URNs as the engine does: parent type chain below the stack, without the stack's type", async () => {
    const { resources } = await runProgram("dev");
    const inventory = resources.find((resource) => resource.name === "bucket-acme-dev-app-uploads-inventory");
    expect(inventory?.urn).toBe("urn:pulumi:dev::bucket-keys::bucketkeys:s3:ManagedBucket$aws:s3/inventory:Inventory::bucket-acme-dev-app-uploads-inventory");
    expect(inventory?.parent).toBe("urn:pulumi:dev::bucket-keys::bucketkeys:s3:ManagedBucket::bucket-acme-dev-app-uploads");
  });

  it("reads the project name and program directory from Pulumi.yaml", () => {
    expect(readPulumiProject()).toEqual({ name: "bucket-keys", main: expect.stringMatching(/\/infra$/) });
  });
});

describe("mock engine", () => {
  it("fails provider calls it does not know, naming the token", () => {
    expect(() => mockCall({ project: "p", stack: "s", accountId: "123456789012", region: "us-east-1" }, "aws:index/getPartition:getPartition")).toThrow(
      "Mock call not implemented: aws:index/getPartition:getPartition",
    );
  });

  it("records autonamed names in a resource's inputs, as the provider's Check fills them", async () => {
    const { resources, outputs } = await runProgram("dev");
    const bucket = resources.find((resource) => resource.name === "reports-bucket");
    expect(bucket?.inputs["bucket"]).toBe(outputs["reportsBucket"]);
  });
});
