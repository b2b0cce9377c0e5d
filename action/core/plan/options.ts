/**
 * The options of a plan run, shared by the CLI (flags) and the Action (inputs): both name them the same
 * (`--kms-key-arn` / `kms-key-arn`) and both go through `validatePlanOptions`.
 */
import { InputError } from "../../contracts/errors.ts";
import { KMS_KEY_ARN, PLAN_OPERATIONS, type PlanOperation } from "../../contracts/plan-schema.ts";
import { parseIdleTimeout, type NetworkTimeouts } from "../settings/network-timeouts.ts";

export interface PlanOptions {
  /** manifest.json paths (local copy in the `aws s3 sync` layout) or s3://bucket/key/manifest.json URIs. */
  inventories: string[];
  kmsKeyArn: string;
  outDir: string;
  operation: PlanOperation;
  /** s3://bucket/prefix/ where manifests are uploaded, always ending in "/". */
  manifestUri?: string;
  endpointUrl?: string;
  region?: string;
  /** From `idle-timeout`; default networkTimeouts(). */
  timeouts?: NetworkTimeouts;
}

/** Raw values keyed by flag/input name; multi-valued `inventory` may be an array or a multi-line string. */
export type RawPlanOptions = Partial<Record<"inventory" | "kms-key-arn" | "out" | "operation" | "manifest-uri" | "endpoint-url" | "region" | "idle-timeout", string | string[] | undefined>>;

const EXAMPLE_KMS_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const EXAMPLE_INVENTORY = "s3://inventory-bucket/inventory/photos/bucket-keys/2026-11-01T00-00Z/manifest.json";
const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(\/.*)?$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Checks raw flags or inputs and returns typed options; throws InputError naming the flag or input. */
export function validatePlanOptions(raw: RawPlanOptions, source: "flag" | "input"): PlanOptions {
  const name = (input: string) => (source === "flag" ? `--${input}` : `input "${input}"`);
  const fail = (input: string, message: string): never => {
    throw new InputError(input, `${name(input)}: ${message}`);
  };
  const single = (input: keyof RawPlanOptions): string | undefined => {
    const value = raw[input];
    if (Array.isArray(value)) {
      if (value.length > 1) fail(input, `given ${value.length} times; give it once.`);
      return value[0]?.trim() || undefined;
    }
    return value?.trim() || undefined;
  };

  const inventoryRaw = raw.inventory;
  const inventories = (Array.isArray(inventoryRaw) ? inventoryRaw : (inventoryRaw ?? "").split(/\r?\n/))
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
  if (inventories.length === 0) fail("inventory", `is required: the inventory's manifest.json, e.g. "${EXAMPLE_INVENTORY}" or a local path to it.`);
  for (const inventory of inventories) {
    if (!/(^|\/)manifest\.json$/.test(inventory)) {
      fail("inventory", `"${inventory}" is not an inventory manifest.json. Point it at the manifest.json of one report, e.g. "${EXAMPLE_INVENTORY}".`);
    }
    if (inventory.startsWith("s3://") && !S3_URI.test(inventory)) {
      fail("inventory", `"${inventory}" is not a valid s3:// URI. Expected "s3://<bucket>/<key>/manifest.json", e.g. "${EXAMPLE_INVENTORY}".`);
    }
  }

  const kmsKeyArn = single("kms-key-arn");
  if (kmsKeyArn === undefined) fail("kms-key-arn", `is required: the full ARN of the KMS key objects move to, e.g. "${EXAMPLE_KMS_ARN}".`);
  else if (!KMS_KEY_ARN.test(kmsKeyArn)) {
    fail("kms-key-arn", `"${kmsKeyArn}" is not a full KMS key ARN. S3UpdateObjectEncryption accepts only a key ARN (no alias, no bare key id), e.g. "${EXAMPLE_KMS_ARN}".`);
  }

  const outDir = single("out");
  if (outDir === undefined) fail("out", 'is required: the folder to write plan.json, plan.md and manifests/ into, e.g. "plans/photos".');

  const operation = single("operation") ?? "auto";
  if (!(PLAN_OPERATIONS as readonly string[]).includes(operation)) {
    fail("operation", `"${operation}" is not one of ${PLAN_OPERATIONS.join(", ")}. Use "auto" unless you need the tutorial's copy-everything method ("copy").`);
  }

  let manifestUri = single("manifest-uri");
  if (manifestUri !== undefined) {
    const match = S3_URI.exec(manifestUri);
    if (!match) fail("manifest-uri", `"${manifestUri}" is not an s3:// prefix. Expected "s3://<bucket>/<prefix>/", e.g. "s3://batch-manifests/bucket-keys/".`);
    if (!manifestUri.endsWith("/")) manifestUri += "/";
  }

  const endpointUrl = single("endpoint-url");
  if (endpointUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(endpointUrl)) {
    fail("endpoint-url", `"${endpointUrl}" is not an http(s) URL, e.g. "http://127.0.0.1:4568".`);
  }

  const region = single("region");
  if (region !== undefined && !REGION.test(region)) fail("region", `"${region}" is not an AWS Region name, e.g. "us-east-1".`);

  const idleTimeout = single("idle-timeout");
  const timeouts = parseIdleTimeout({ "idle-timeout": idleTimeout }, source);

  return {
    inventories,
    kmsKeyArn: kmsKeyArn!,
    outDir: outDir!,
    operation: operation as PlanOperation,
    ...(manifestUri !== undefined && { manifestUri }),
    ...(endpointUrl !== undefined && { endpointUrl }),
    ...(region !== undefined && { region }),
    timeouts,
  };
}
