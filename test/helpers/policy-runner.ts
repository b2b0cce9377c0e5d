/**
 * Runs a policy's own validate/remediate functions with arguments built the way @pulumi/policy's
 * Analyzer server builds them (server.ts): properties from the engine's wire Struct, deserialized by
 * the package's own code and wrapped in its unknown-checking proxy, config as `getConfig()` returns it.
 * Violations are collected as the server records them, including the object form with its own level.
 */
import { createRequire } from "node:module";
import {
  UnknownValueError,
  unknownCheckingProxy,
  type EnforcementLevel,
  type PolicyResource,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  type StackValidationPolicy,
} from "@pulumi/policy";
import { toStruct, urnOf, type WireStruct } from "./policy-wire.ts";

// Internal module of @pulumi/policy (no typings): the exact deserializer its server uses.
const require = createRequire(import.meta.url);
const wire = require("@pulumi/policy/deserialize") as {
  deserializeProperties(struct: WireStruct, proxySecrets: boolean): Record<string, unknown>;
  serializeProperties(props: unknown): Promise<Record<string, unknown>>;
};

export interface Diagnostic {
  message: string;
  urn: string | undefined;
  enforcementLevel: EnforcementLevel;
}

export interface PolicyRun {
  violations: Diagnostic[];
  /** Set when the policy called `args.notApplicable(reason)`. */
  notApplicable: string | undefined;
  /** Reads of unknown values the policy didn't handle (the server turns them into "can't run during preview"). */
  unknownReads: string[];
}

export interface TestResource {
  type: string;
  props: Record<string, unknown>;
  name?: string;
  urn?: string;
  propertyDependencies?: Record<string, string[]>;
  dependencies?: string[];
  parent?: string;
}

class NotApplicable extends Error {
  readonly reason: string | undefined;
  constructor(reason: string | undefined) {
    super(reason ?? "not applicable");
    this.reason = reason;
  }
}

const OPTIONS = { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } };

function isTypeOf(type: string, resourceClass: unknown): boolean {
  return (resourceClass as { __pulumiType?: unknown }).__pulumiType === type;
}

function levelOf(policy: { enforcementLevel?: EnforcementLevel }): EnforcementLevel {
  const level = policy.enforcementLevel ?? "advisory";
  return level === "remediate" ? "mandatory" : level;
}

function collector(run: PolicyRun, level: EnforcementLevel) {
  return (message: unknown, urn?: string) => {
    if (typeof message === "object" && message !== null) {
      const info = message as { message: string; urn?: string; enforcementLevel?: EnforcementLevel };
      run.violations.push({ message: info.message, urn: info.urn, enforcementLevel: info.enforcementLevel ?? level });
    } else {
      run.violations.push({ message: String(message ?? ""), urn, enforcementLevel: level });
    }
  };
}

function engineProps(props: Record<string, unknown>, proxySecrets: boolean): Record<string, unknown> {
  return unknownCheckingProxy(wire.deserializeProperties(toStruct(props), proxySecrets)) as Record<string, unknown>;
}

function resourceArgs(resource: TestResource, config: object, proxySecrets: boolean): ResourceValidationArgs {
  const props = engineProps(resource.props, proxySecrets);
  const name = resource.name ?? "subject";
  return {
    type: resource.type,
    props,
    urn: resource.urn ?? urnOf(resource.type, name),
    name,
    opts: OPTIONS,
    stackTags: new Map(),
    isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
    asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? props : undefined)) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
}

async function settle(run: PolicyRun, action: () => unknown): Promise<PolicyRun> {
  try {
    await action();
  } catch (error) {
    if (error instanceof NotApplicable) run.notApplicable = error.reason ?? "";
    else if (error instanceof UnknownValueError) run.unknownReads.push((error as Error).message);
    else throw error;
  }
  return run;
}

export async function runResourcePolicy(policy: ResourceValidationPolicy, resource: TestResource, config: object = {}): Promise<PolicyRun> {
  const run: PolicyRun = { violations: [], notApplicable: undefined, unknownReads: [] };
  const validations = Array.isArray(policy.validateResource) ? policy.validateResource : policy.validateResource ? [policy.validateResource] : [];
  return settle(run, async () => {
    for (const validate of validations) await validate(resourceArgs(resource, config, false), collector(run, levelOf(policy)));
  });
}

/** The remediated properties as the server sends them back (serialized), or undefined for "no change". */
export async function runRemediation(policy: ResourceValidationPolicy, resource: TestResource, config: object = {}): Promise<Record<string, unknown> | undefined> {
  if (!policy.remediateResource) throw new Error(`policy ${policy.name} has no remediateResource`);
  const result = await policy.remediateResource(resourceArgs(resource, config, true));
  return result ? wire.serializeProperties(result) : undefined;
}

export async function runStackPolicy(policy: StackValidationPolicy, resources: readonly TestResource[], config: object = {}): Promise<PolicyRun> {
  const run: PolicyRun = { violations: [], notApplicable: undefined, unknownReads: [] };
  const built = resources.map((resource) => {
    const name = resource.name ?? "subject";
    const props = engineProps(resource.props, false);
    const policyResource: PolicyResource = {
      type: resource.type,
      props,
      urn: resource.urn ?? urnOf(resource.type, name),
      name,
      opts: OPTIONS,
      dependencies: [],
      propertyDependencies: {},
      isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
      asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? props : undefined)) as PolicyResource["asType"],
    };
    return { resource, policyResource };
  });
  const byUrn = new Map(built.map(({ policyResource }) => [policyResource.urn, policyResource]));
  const lookup = (urns: readonly string[] | undefined) => (urns ?? []).flatMap((urn) => byUrn.get(urn) ?? []);
  for (const { resource, policyResource } of built) {
    const parent = resource.parent ? byUrn.get(resource.parent) : undefined;
    if (parent) policyResource.parent = parent;
    policyResource.dependencies = lookup(resource.dependencies);
    for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) policyResource.propertyDependencies[key] = lookup(urns);
  }
  const args = {
    resources: built.map(({ policyResource }) => policyResource),
    stackTags: new Map<string, string>(),
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
  return settle(run, () => policy.validateStack(args, collector(run, levelOf(policy))));
}

/** Messages of violations at a level, for compact assertions. */
export function messages(run: PolicyRun, level?: EnforcementLevel): string[] {
  return run.violations.filter((violation) => level === undefined || violation.enforcementLevel === level).map((violation) => violation.message);
}
