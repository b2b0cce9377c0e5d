import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PACK_POLICIES } from "../../../policies/pack.ts";
import { validatePackConfig } from "../../../policies/pack-config.ts";
import { PolicyConfigError } from "../../../policies/policy-config-error.ts";

const validate = (json: unknown) => () => validatePackConfig(json, "policy-config.prod.json", PACK_POLICIES);

describe("the pack's policies", () => {
  it.each(PACK_POLICIES.map(({ policy }) => [policy.name, policy] as const))("%s has a kebab-case name, a description, a level and a config schema with defaults", (name, policy) => {
    expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(policy.description.length).toBeGreaterThan(40);
    expect(["advisory", "mandatory"]).toContain(policy.enforcementLevel);
    const properties = Object.values(policy.configSchema?.properties ?? {});
    expect(properties.length).toBeGreaterThan(0);
    for (const property of properties) expect(property).toHaveProperty("default");
    expect(JSON.stringify(policy.configSchema)).not.toContain("$schema");
  });

  it("names every policy once", () => {
    const names = PACK_POLICIES.map(({ policy }) => policy.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("validatePackConfig", () => {
  it("accepts levels, settings, 'all' and ESC environments", () => {
    expect(
      validate({
        all: "advisory",
        environments: ["aws/prod"],
        "s3-bucket-keys-enabled": "remediate",
        "s3-every-bucket-covered": { enforcementLevel: "mandatory", exemptions: [{ bucket: "legacy", reason: "retired" }] },
        "kms-key-rotation": { checkAllKeys: true },
      }),
    ).not.toThrow();
  });

  it("rejects a policy name the pack doesn't have, listing the real ones", () => {
    expect(validate({ "s3-bucket-key-enabled": "mandatory" })).toThrow(
      'policy-config.prod.json: invalid policy pack config:\n  - "s3-bucket-key-enabled" is not a policy of this pack (policies: s3-bucket-keys-enabled, s3-every-bucket-covered, s3-inventory-for-plan-engine, batch-operations-role, kms-key-rotation; or "all")\nFix the file and run again.',
    );
  });

  it("rejects settings of the wrong type, naming the policy and field", () => {
    expect(validate({ "s3-every-bucket-covered": { exemptions: "legacy" } })).toThrow("policy 's3-every-bucket-covered': invalid config: exemptions: Invalid input: expected array, received string");
  });

  it("rejects an invalid enforcement level, in either form", () => {
    expect(validate({ "kms-key-rotation": "warn" })).toThrow('kms-key-rotation: "warn" is not an enforcement level (expected one of advisory, mandatory, remediate, disabled)');
    expect(validate({ "kms-key-rotation": { enforcementLevel: 2 } })).toThrow("kms-key-rotation.enforcementLevel: 2 is not an enforcement level");
  });

  it("reports every problem at once", () => {
    try {
      validate({ nope: "advisory", "batch-operations-role": { requiredKmsActions: [1] }, all: { exemptions: [] } })();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyConfigError);
      expect((error as Error).message.split("\n").filter((line) => line.startsWith("  - "))).toHaveLength(3);
    }
  });

  it("rejects a file that is not an object", () => {
    expect(validate([])).toThrow("policy-config.prod.json: a policy pack config is a JSON object keyed by policy name (found [])");
  });
});

describe("the config files shipped in policies/config", () => {
  it.each(["dev", "prod"])("%s.json is valid", (stack) => {
    const file = new URL(`../../../policies/config/${stack}.json`, import.meta.url);
    expect(validate(JSON.parse(readFileSync(file, "utf8")))).not.toThrow();
  });
});
