/**
 * What the mock engine answers for AWS: physical ids and output state (ARNs) of declared resources,
 * autonamed names, and the provider functions the program calls. Any other function fails with
 * "Mock call not implemented: <token>", so a new dependency of the program shows up in tests.
 */
import { createHash } from "node:crypto";

export interface MockEngineOptions {
  project: string;
  stack: string;
  accountId: string;
  region: string;
}

function shortHash(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** Physical id and output state for a resource the program declares. */
export function mockResourceState(options: MockEngineOptions, type: string, name: string, inputs: Record<string, unknown>): { id: string; state: Record<string, unknown> } {
  const { accountId, region } = options;
  switch (type) {
    case "aws:s3/bucket:Bucket": {
      const bucket = typeof inputs["bucket"] === "string" ? inputs["bucket"] : `${name}-${shortHash(name, 7)}`;
      return { id: bucket, state: { ...inputs, bucket, arn: `arn:aws:s3:::${bucket}`, region } };
    }
    case "aws:kms/key:Key": {
      const hex = shortHash(name, 32);
      const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      return { id: keyId, state: { ...inputs, keyId, arn: `arn:aws:kms:${region}:${accountId}:key/${keyId}` } };
    }
    case "aws:kms/alias:Alias":
      return { id: String(inputs["name"]), state: { ...inputs, arn: `arn:aws:kms:${region}:${accountId}:${String(inputs["name"])}` } };
    case "aws:iam/role:Role": {
      const roleName = typeof inputs["name"] === "string" ? inputs["name"] : `${name}-${shortHash(name, 7)}`;
      return { id: roleName, state: { ...inputs, name: roleName, arn: `arn:aws:iam::${accountId}:role/${roleName}` } };
    }
    case "aws:iam/policy:Policy": {
      const policyName = typeof inputs["name"] === "string" ? inputs["name"] : `${name}-${shortHash(name, 7)}`;
      const arn = `arn:aws:iam::${accountId}:policy/${policyName}`;
      return { id: arn, state: { ...inputs, name: policyName, arn } };
    }
    case "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
      const arn = `arn:aws:iam::${accountId}:oidc-provider/${String(inputs["url"]).replace(/^https:\/\//, "")}`;
      return { id: arn, state: { ...inputs, arn } };
    }
    default:
      return { id: `${name}-id`, state: inputs };
  }
}

/**
 * Properties the AWS provider fills in with a generated name when the program leaves them out
 * (autonaming). The engine hands a policy pack the provider-checked inputs, names included.
 */
const AUTONAMED_PROPERTIES: Readonly<Record<string, string>> = {
  "aws:s3/bucket:Bucket": "bucket",
  "aws:iam/role:Role": "name",
};

/** Inputs as the provider's Check returns them: the program's inputs plus autonamed names. */
export function checkedInputs(type: string, inputs: Record<string, unknown>, state: Record<string, unknown>): Record<string, unknown> {
  const property = AUTONAMED_PROPERTIES[type];
  if (property === undefined || inputs[property] !== undefined) return inputs;
  return { ...inputs, [property]: state[property] };
}

/** Result of a provider function the program calls. */
export function mockCall(options: MockEngineOptions, token: string): Record<string, unknown> {
  const { accountId, region } = options;
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId, arn: `arn:aws:iam::${accountId}:user/pulumi-test`, userId: "AIDAMOCKUSER", id: accountId };
    case "aws:index/getRegion:getRegion":
      return { region, name: region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
    default:
      throw new Error(`Mock call not implemented: ${token}`);
  }
}

