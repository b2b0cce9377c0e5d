/**
 * Typed, validated policy configuration. One zod schema per policy is the single source of truth: it
 * becomes the `configSchema` the engine shows and validates (and takes defaults from), and it parses
 * what `args.getConfig()` returns, so a malformed config fails with a message naming the field, even
 * when it arrives from a source that did no validation (Pulumi Cloud, an old CLI, a test).
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { z } from "zod";
import { PolicyConfigError } from "./policy-config-error.ts";

export interface PolicyConfig<T> {
  /** The `configSchema` of the policy: JSON Schema properties with defaults. */
  schema: PolicyConfigSchema;
  /** The settings this policy accepts, for messages. */
  keys: readonly string[];
  /** Validates a policy's config (without `enforcementLevel`) and fills in defaults. */
  parse(policy: string, raw: unknown): T;
}

export function definePolicyConfig<Shape extends z.ZodRawShape>(shape: Shape): PolicyConfig<z.output<z.ZodObject<Shape>>> {
  const object = z.strictObject(shape);
  const jsonSchema = z.toJSONSchema(object, { target: "draft-7", io: "input", unrepresentable: "any" }) as {
    properties?: PolicyConfigSchema["properties"];
    required?: string[];
  };
  const schema: PolicyConfigSchema = { properties: jsonSchema.properties ?? {} };
  if (jsonSchema.required && jsonSchema.required.length > 0) schema.required = jsonSchema.required;
  const keys = Object.keys(shape);
  return {
    schema,
    keys,
    parse(policy, raw) {
      const result = object.safeParse(raw ?? {});
      if (result.success) return result.data;
      const first = result.error.issues[0];
      throw new PolicyConfigError(
        policy,
        first ? formatPath(first.path) : undefined,
        `policy '${policy}': invalid config: ${formatIssues(result.error.issues, keys)}. ` +
          "Fix this policy's entry in the policy pack config (the file passed with --policy-pack-config) and run again.",
      );
    },
  };
}

/** `["exemptions", 0, "reason"]` -> `exemptions[0].reason`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    out += typeof part === "number" ? `[${part}]` : out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function formatIssues(issues: readonly z.core.$ZodIssue[], topLevelKeys: readonly string[]): string {
  return issues
    .map((issue) => {
      const where = issue.path.length === 0 ? "(top level)" : formatPath(issue.path);
      if (issue.code === "unrecognized_keys") {
        const found = issue.keys.map((key) => `"${key}"`).join(", ");
        const accepted = issue.path.length === 0 ? ` (accepted: ${[...topLevelKeys, "enforcementLevel"].join(", ")})` : "";
        return `${where}: unknown setting ${found}${accepted}`;
      }
      return `${where}: ${issue.message}`;
    })
    .join("; ");
}
