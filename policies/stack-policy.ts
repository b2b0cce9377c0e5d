/**
 * A stack policy whose decisions live in a pure check over the stack's resources as plain data: the
 * engine-facing part every such policy shares. Its config is parsed first (a malformed config fails
 * with a message naming the field), then the check's findings are reported.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import type { PolicyConfig } from "./policy-config.ts";
import { reportFindings, type Finding } from "./report.ts";
import { toStackResource, type StackResource } from "./stack-model.ts";

export interface StackCheckPolicy<T> extends Omit<StackValidationPolicy, "validateStack" | "configSchema"> {
  config: PolicyConfig<T>;
  check: (resources: StackResource[], config: T) => readonly Finding[];
}

export function stackPolicy<T>({ config, check, ...policy }: StackCheckPolicy<T>): StackValidationPolicy {
  return {
    ...policy,
    configSchema: config.schema,
    validateStack: (args, reportViolation) => {
      const parsed = config.parse(policy.name, args.getConfig());
      reportFindings(reportViolation, check(args.resources.map(toStackResource), parsed));
    },
  };
}
