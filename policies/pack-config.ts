/**
 * Validation of a whole policy pack config file (what `--policy-pack-config` takes):
 *
 *     { "all": "advisory",
 *       "s3-bucket-keys-enabled": "remediate",
 *       "s3-every-bucket-covered": { "enforcementLevel": "mandatory",
 *                                    "exemptions": [{ "bucket": "legacy-logs", "reason": "..." }] } }
 *
 * The Pulumi CLI checks each known policy's entry against its config schema but ignores entries for
 * policies the pack doesn't have, so a misspelt policy name silently configures nothing. This check
 * rejects that too, and reports every problem at once.
 */
import type { EnforcementLevel } from "@pulumi/policy";
import { PolicyConfigError } from "./policy-config-error.ts";
import type { PackPolicy } from "./pack.ts";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** Keys the CLI's config parser treats specially (pkg/resource/analyzer/config.go). */
const ALL = "all";
const ENVIRONMENTS = "environments";

function checkLevel(where: string, level: unknown): string | undefined {
  if (typeof level === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(level)) return undefined;
  return `${where}: ${JSON.stringify(level)} is not an enforcement level (expected one of ${ENFORCEMENT_LEVELS.join(", ")})`;
}

function checkEntry(name: string, value: unknown, packPolicy: PackPolicy | undefined): string[] {
  if (typeof value === "string") {
    const problem = checkLevel(name, value);
    return problem ? [problem] : [];
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [`${name}: expected an enforcement level or an object of settings, found ${JSON.stringify(value)}`];
  }
  const { enforcementLevel, ...settings } = value as Record<string, unknown>;
  const problems: string[] = [];
  if (enforcementLevel !== undefined) {
    const problem = checkLevel(`${name}.enforcementLevel`, enforcementLevel);
    if (problem) problems.push(problem);
  }
  if (packPolicy === undefined) {
    if (Object.keys(settings).length > 0) problems.push(`${name}: only "enforcementLevel" applies to "all"`);
    return problems;
  }
  try {
    packPolicy.config.parse(name, settings);
  } catch (error) {
    if (!(error instanceof PolicyConfigError)) throw error;
    problems.push(error.message.replace(/ Fix this policy's entry.*$/, ""));
  }
  return problems;
}

/** Throws one PolicyConfigError naming the file and every problem; returns nothing when the file is valid. */
export function validatePackConfig(json: unknown, file: string, policies: readonly PackPolicy[]): void {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new PolicyConfigError("", undefined, `${file}: a policy pack config is a JSON object keyed by policy name (found ${JSON.stringify(json)}).`);
  }
  const names = policies.map(({ policy }) => policy.name);
  const problems: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    if (key === ENVIRONMENTS) {
      if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
        problems.push(`${ENVIRONMENTS}: expected an array of ESC environment names, found ${JSON.stringify(value)}`);
      }
      continue;
    }
    const packPolicy = policies.find(({ policy }) => policy.name === key);
    if (packPolicy === undefined && key !== ALL) {
      problems.push(`"${key}" is not a policy of this pack (policies: ${names.join(", ")}; or "all")`);
      continue;
    }
    problems.push(...checkEntry(key, value, packPolicy));
  }
  if (problems.length > 0) {
    throw new PolicyConfigError(
      "",
      undefined,
      `${file}: invalid policy pack config:\n${problems.map((problem) => `  - ${problem}`).join("\n")}\nFix the file and run again.`,
    );
  }
}
