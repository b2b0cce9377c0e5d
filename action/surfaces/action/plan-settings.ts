/**
 * Inputs of the plan command. The engine's validatePlanOptions checks the options it shares with
 * `bucket-keys plan` (same names, same messages); the Action adds inventory prefixes, a required
 * manifest location (apply only accepts uploaded manifests) and the base branch.
 */
import { InputError } from "../../contracts/errors.ts";
import { validatePlanOptions, type RawPlanOptions } from "../../core/plan/options.ts";
import type { PlanOperation } from "../../contracts/plan-schema.ts";
import { parseS3Location } from "../../core/settings/s3-location.ts";
import { listSetting, stringSetting, type RawSettings } from "../../core/settings/setting-source.ts";

export interface PlanCommandSettings {
  /** s3:// manifest.json URIs, s3:// inventory destination prefixes, or local manifest.json paths. */
  inventories: string[];
  kmsKeyArn: string;
  operation: PlanOperation;
  /** s3://bucket/prefix/ (ends with "/"). */
  manifestUri: string;
  endpointUrl: string | undefined;
  region: string | undefined;
  /** Undefined: the repository's default branch. */
  baseBranch: string | undefined;
}

/** The engine's options for one inventory, planned into `outDir`. */
export function engineOptions(settings: PlanCommandSettings, inventory: string, outDir: string): RawPlanOptions {
  return {
    inventory: [inventory],
    "kms-key-arn": settings.kmsKeyArn,
    out: outDir,
    operation: settings.operation,
    "manifest-uri": settings.manifestUri,
    ...(settings.endpointUrl !== undefined && { "endpoint-url": settings.endpointUrl }),
    ...(settings.region !== undefined && { region: settings.region }),
  };
}

export function readPlanInputs(raw: RawSettings): PlanCommandSettings {
  const inventories = [...new Set(listSetting(raw, "inventory"))];
  if (inventories.length === 0) {
    throw new InputError("inventory", 'input "inventory" is required for plan: the s3:// URI of an inventory manifest.json, or the inventory destination prefix (e.g. "s3://reports-bucket/inventory/").');
  }
  const manifestUri = stringSetting(raw, "manifest-uri");
  if (manifestUri === undefined) {
    throw new InputError("manifest-uri", 'input "manifest-uri" is required for plan: apply only runs plans whose manifests were uploaded (e.g. "s3://reports-bucket/bucket-keys/manifests/", the stack\'s manifest location output).');
  }
  parseS3Location(manifestUri, "manifest-uri", "input");
  // Prefixes are resolved to manifest.json URIs later (that needs S3); the engine's validator sees them
  // in that form so that every other input is checked now, before any network call.
  const asManifests = inventories.map((inventory) => (/(^|\/)manifest\.json$/.test(inventory) ? inventory : `${inventory.replace(/\/+$/, "")}/manifest.json`));
  for (const inventory of inventories) {
    if (inventory.startsWith("s3://") && !/(^|\/)manifest\.json$/.test(inventory)) parseS3Location(inventory, "inventory", "input");
  }
  const options = validatePlanOptions(
    {
      inventory: asManifests,
      "kms-key-arn": stringSetting(raw, "kms-key-arn"),
      out: "(temporary folder)",
      operation: stringSetting(raw, "operation"),
      "manifest-uri": manifestUri,
      "endpoint-url": stringSetting(raw, "endpoint-url"),
      region: stringSetting(raw, "region"),
    },
    "input",
  );
  const baseBranch = stringSetting(raw, "base-branch");
  if (baseBranch !== undefined && !/^[\w./-]+$/.test(baseBranch)) throw new InputError("base-branch", `input "base-branch": "${baseBranch}" is not a branch name.`);
  return {
    inventories,
    kmsKeyArn: options.kmsKeyArn,
    operation: options.operation,
    manifestUri: options.manifestUri!,
    endpointUrl: options.endpointUrl,
    region: options.region,
    baseBranch,
  };
}
