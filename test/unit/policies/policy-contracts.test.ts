import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { policyContractCopies } from "../../../scripts/policy-contracts.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

describe("policies/contracts", () => {
  it.each(policyContractCopies(ROOT).map((copy) => [copy.path, copy.text]))("%s is the current copy of its action/contracts source (run `npm run sync:policies`)", (path, text) => {
    expect(readFileSync(join(ROOT, path), "utf8")).toBe(text);
  });
});
