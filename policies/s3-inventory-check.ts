/**
 * Inventory configurations record what the plan engine reads: the fields it routes on, the fields
 * that keep copies safe, every version of a versioned bucket, in a format it parses (CSV or Parquet; ORC is
 * flagged, since plans cannot read it). Covers
 * `aws.s3.Inventory` resources and aws-native buckets' inline `inventoryConfigurations`.
 */
import {
  RECOMMENDED_INVENTORY_FIELDS,
  REQUIRED_INVENTORY_FIELDS,
  SUPPORTED_INVENTORY_FORMATS,
} from "./contracts/inventory-fields.ts";
import { findExemption, type BucketExemption } from "./exemptions.ts";
import { UNKNOWN, asBoolean, asList, asString, asStrings, isRecord, type Plain, type PlainRecord, type Unknown } from "./props.ts";
import type { Finding } from "./report.ts";
import { TYPES } from "./resource-types.ts";
import { bucketRefOf, bucketsOf, isVersioned, refersTo, targetOf, type Bucket, type BucketTarget } from "./s3-stack.ts";
import type { StackResource } from "./stack-model.ts";

/** Recommended fields this policy asks for: the plan keeps copies in their storage class and under the copy size limit. */
export const PLAN_SAFETY_FIELDS = RECOMMENDED_INVENTORY_FIELDS.filter((name) => name === "Size" || name === "StorageClass");

interface InventoryConfig {
  label: string;
  urn: string;
  bucket: Bucket | undefined;
  target: BucketTarget;
  bucketLabel: string;
  enabled: boolean | Unknown | undefined;
  versions: string | Unknown | undefined;
  fields: string[] | Unknown;
  format: string | Unknown | undefined;
}

export function checkInventories(resources: readonly StackResource[], exemptions: readonly BucketExemption[], policy: string): Finding[] {
  const findings: Finding[] = [];
  for (const inventory of inventoriesOf(resources)) {
    const subject = `inventory '${inventory.label}' of bucket '${inventory.bucketLabel}'`;
    const exemption = findExemption(exemptions, inventory.target.names, [...inventory.target.urns, inventory.urn]);
    if (exemption) {
      findings.push({ urn: inventory.urn, advisory: true, message: `${subject} is exempt from ${policy}: ${exemption.reason}` });
      continue;
    }
    const { problems, unknowns } = inventoryProblems(inventory, isVersioned(inventory.bucket, inventory.target, resources));
    if (problems.length > 0) findings.push({ urn: inventory.urn, message: `${subject}: ${problems.join("; ")}.` });
    if (unknowns.length > 0) {
      findings.push({ urn: inventory.urn, advisory: true, message: `${subject}: ${unknowns.join(", ")} not known until apply, so it can't be fully checked in this preview; the check runs again on \`pulumi up\`.` });
    }
  }
  return findings;
}

function inventoryProblems(inventory: InventoryConfig, versioned: boolean | Unknown | undefined): { problems: string[]; unknowns: string[] } {
  const problems: string[] = [];
  const unknowns: string[] = [];
  if (inventory.enabled === false) problems.push("it is disabled, so S3 delivers no reports for the plan engine; set enabled: true");
  if (inventory.fields === UNKNOWN) {
    unknowns.push("optionalFields");
  } else {
    const present = new Set(inventory.fields);
    const required = REQUIRED_INVENTORY_FIELDS.filter((name) => !present.has(name));
    if (required.length > 0) {
      const them = required.length === 1 ? "it" : "them";
      problems.push(`optionalFields lacks ${required.join(", ")}, which the plan engine needs to find objects without a Bucket Key and route them by encryption type; add ${them}`);
    }
    const recommended = PLAN_SAFETY_FIELDS.filter((name) => !present.has(name));
    if (recommended.length > 0) {
      problems.push(`optionalFields should include ${recommended.join(", ")}, so copies keep their storage class and respect the 5 GB copy limit`);
    }
  }
  if (inventory.format === UNKNOWN) unknowns.push("the report format");
  else if (inventory.format === "ORC") {
    problems.push('format is "ORC", which the plan engine cannot read (there is no maintained ORC reader for JavaScript); set format: "Parquet" or "CSV"');
  } else if (!(SUPPORTED_INVENTORY_FORMATS as readonly string[]).includes(inventory.format ?? "")) {
    problems.push(`format is ${JSON.stringify(inventory.format ?? "absent")} but the plan engine reads ${SUPPORTED_INVENTORY_FORMATS.join(" and ")}; set format: "CSV" or "Parquet"`);
  }
  if (versioned === UNKNOWN || inventory.versions === UNKNOWN) {
    if (versioned !== false) unknowns.push("the bucket's versioning or includedObjectVersions");
  } else if (versioned === true && inventory.versions !== "All") {
    problems.push(
      `the bucket is versioned but includedObjectVersions is ${JSON.stringify(inventory.versions ?? "absent")}, so noncurrent versions are never re-encrypted; set includedObjectVersions: "All" (S3 then adds VersionId, IsLatest and IsDeleteMarker)`,
    );
  }
  return { problems, unknowns };
}

function inventoriesOf(resources: readonly StackResource[]): InventoryConfig[] {
  const buckets = bucketsOf(resources);
  const configs: InventoryConfig[] = [];
  for (const resource of resources) {
    if (resource.type === TYPES.inventory) {
      const ref = bucketRefOf(resource);
      const bucket = buckets.find((candidate) => refersTo(ref, candidate));
      const target = bucket ? targetOf(bucket) : { names: typeof ref.name === "string" ? [ref.name] : [], urns: ref.urns };
      const destination = firstRecord(resource.props.destination);
      configs.push({
        label: typeof resource.props.name === "string" ? resource.props.name : resource.name,
        urn: resource.urn,
        bucket,
        target,
        bucketLabel: bucket?.label ?? (typeof ref.name === "string" ? ref.name : "(not known until apply)"),
        ...settingsOf(resource.props, destination === UNKNOWN ? UNKNOWN : firstRecord(destination?.bucket)),
      });
    }
    if (resource.type === TYPES.nativeBucket) {
      const bucket = buckets.find((candidate) => candidate.resource === resource);
      const entries = asList(resource.props.inventoryConfigurations);
      if (!bucket || entries === UNKNOWN) continue;
      entries.forEach((entry, index) => {
        if (!isRecord(entry)) return;
        configs.push({
          label: typeof entry.id === "string" ? entry.id : `inventoryConfigurations[${index}]`,
          urn: resource.urn,
          bucket,
          target: targetOf(bucket),
          bucketLabel: bucket.label,
          ...settingsOf(entry, firstRecord(entry.destination)),
        });
      });
    }
  }
  return configs;
}

type InventorySettings = Pick<InventoryConfig, "enabled" | "versions" | "fields" | "format">;

function settingsOf(config: PlainRecord, destination: PlainRecord | Unknown | undefined): InventorySettings {
  return {
    enabled: asBoolean(config.enabled),
    versions: asString(config.includedObjectVersions),
    fields: asStrings(config.optionalFields),
    format: destination === UNKNOWN ? UNKNOWN : asString(destination?.format),
  };
}

function firstRecord(value: Plain | undefined): PlainRecord | Unknown | undefined {
  const list = asList(value);
  if (list === UNKNOWN) return UNKNOWN;
  const first = list[0];
  return first === UNKNOWN ? UNKNOWN : isRecord(first) ? first : undefined;
}
