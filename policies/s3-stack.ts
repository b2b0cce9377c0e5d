/**
 * Buckets of a stack and the resources that point at them. A bucket-scoped resource (encryption,
 * inventory, versioning) names its bucket in `bucket`: by S3 name when it is known, and through the
 * engine's property dependencies when it comes from another resource's output (during preview the
 * name of a new bucket is unknown, but `bucket: b.id` still depends on `b`).
 */
import { BUCKET_TYPES, TYPES } from "./resource-types.ts";
import { UNKNOWN, asBoolean, asString, field, isRecord, type Plain, type Unknown } from "./props.ts";
import type { StackResource } from "./stack-model.ts";

export interface Bucket {
  resource: StackResource;
  /** The S3 names this bucket is known by (`bucket`, `bucketName`, `id`), those that are known. */
  names: string[];
  /** For messages: the S3 name, or the resource name when the S3 name isn't known yet. */
  label: string;
}

export interface BucketRef {
  /** The S3 name the resource gives, UNKNOWN during preview when it comes from an output. */
  name: string | Unknown | undefined;
  /** URNs of the resources the `bucket` value came from. */
  urns: string[];
}

function knownStrings(...values: (Plain | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => typeof value === "string" && value !== ""))];
}

export function toBucket(resource: StackResource): Bucket {
  const props = resource.props;
  const names = knownStrings(props.bucket, props.bucketName, props.id);
  return { resource, names, label: names[0] ?? resource.name };
}

export function bucketsOf(resources: readonly StackResource[]): Bucket[] {
  return resources.filter((resource) => BUCKET_TYPES.has(resource.type)).map(toBucket);
}

export function bucketRefOf(resource: StackResource): BucketRef {
  return { name: asString(resource.props.bucket), urns: resource.propertyDependencies.bucket ?? [] };
}

/** What a reference can match: a bucket resource, or just an S3 name (a bucket outside the stack). */
export interface BucketTarget {
  names: readonly string[];
  urns: readonly string[];
}

export function targetOf(bucket: Bucket): BucketTarget {
  return { names: bucket.names, urns: [bucket.resource.urn] };
}

export function refersTo(ref: BucketRef, target: Bucket | BucketTarget): boolean {
  const { names, urns } = "resource" in target ? targetOf(target) : target;
  if (ref.urns.some((urn) => urns.includes(urn))) return true;
  return typeof ref.name === "string" && names.includes(ref.name);
}

/** A reference that matches no bucket we can identify: its name is unknown and it has no dependency. */
export function isUnresolved(ref: BucketRef): boolean {
  return ref.name === UNKNOWN && ref.urns.length === 0;
}

/** The name to show for a bucket-scoped resource's bucket. */
export function refLabel(ref: BucketRef, buckets: readonly Bucket[]): string {
  const bucket = buckets.find((candidate) => refersTo(ref, candidate));
  if (bucket) return bucket.label;
  return typeof ref.name === "string" ? ref.name : "(not known until apply)";
}

/**
 * Whether a bucket keeps versions: its inline settings, or a separate versioning resource pointing at
 * it. `bucket` is undefined for a bucket outside the stack, known only by name.
 */
export function isVersioned(
  bucket: Bucket | undefined,
  target: BucketTarget,
  resources: readonly StackResource[],
): boolean | Unknown | undefined {
  if (bucket) {
    const props = bucket.resource.props;
    const inline = bucket.resource.type === TYPES.nativeBucket
      ? statusEnabled(props.versioningConfiguration)
      : enabledFlag(field(props, "versioning", "versionings"));
    if (inline !== undefined) return inline;
  }
  for (const resource of resources) {
    if (resource.type !== TYPES.versioning && resource.type !== TYPES.versioningV2) continue;
    if (!refersTo(bucketRefOf(resource), target)) continue;
    const status = statusEnabled(resource.props.versioningConfiguration);
    if (status !== undefined) return status;
  }
  return undefined;
}

function first(value: Plain | undefined): Plain | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function enabledFlag(value: Plain | undefined): boolean | Unknown | undefined {
  const block = first(value);
  if (block === UNKNOWN) return UNKNOWN;
  return isRecord(block) ? asBoolean(block.enabled) : undefined;
}

function statusEnabled(value: Plain | undefined): boolean | Unknown | undefined {
  const block = first(value);
  if (block === UNKNOWN) return UNKNOWN;
  if (!isRecord(block)) return undefined;
  const status = asString(block.status);
  if (status === UNKNOWN || status === undefined) return status;
  // A suspended bucket still holds the versions written while it was enabled.
  return status === "Enabled" || status === "Suspended";
}
