/**
 * The resources of a stack policy as plain data: properties copied out of @pulumi/policy's proxies
 * (see props.ts), dependencies as URNs. The checks work on this model, so they are pure functions that
 * unit tests call with literal data.
 */
import type { PolicyResource } from "@pulumi/policy";
import { isRecord, toPlain, type PlainRecord } from "./props.ts";

export interface StackResource {
  type: string;
  urn: string;
  /** The Pulumi resource name (not the cloud name). */
  name: string;
  props: PlainRecord;
  /** Input property -> URNs of the resources its value came from (how preview links `bucket: b.id` to `b`). */
  propertyDependencies: Record<string, string[]>;
  dependencies: string[];
}

export function toStackResource(resource: PolicyResource): StackResource {
  const props = toPlain(resource.props);
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, deps] of Object.entries(resource.propertyDependencies ?? {})) {
    propertyDependencies[key] = deps.map((dep) => dep.urn);
  }
  return {
    type: resource.type,
    urn: resource.urn,
    name: resource.name,
    props: isRecord(props) ? props : {},
    propertyDependencies,
    dependencies: (resource.dependencies ?? []).map((dep) => dep.urn),
  };
}
