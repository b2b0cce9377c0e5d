import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { MIN_NODE_MAJOR, nodeVersionWarning } from "../../../../../action/core/settings/node-version.ts";

describe("nodeVersionWarning", () => {
  it("warns on a Node.js older than the oldest supported major, naming both", () => {
    expect(nodeVersionWarning("v20.20.2")).toBe(
      "bucket-keys: warning: Node.js v20.20.2 is older than the oldest supported version, 22; nothing is tested on it. Use Node.js 22 or newer.",
    );
    expect(nodeVersionWarning("v21.7.3")).toContain("v21.7.3");
  });

  it("says nothing on supported versions, or on a version it cannot read", () => {
    expect(nodeVersionWarning("v22.0.0")).toBeUndefined();
    expect(nodeVersionWarning("v24.22.3")).toBeUndefined();
    expect(nodeVersionWarning("v100.1.0")).toBeUndefined();
    expect(nodeVersionWarning("unknown")).toBeUndefined();
  });

  it("uses the same oldest version as package.json's engines.node", async () => {
    const pkg = JSON.parse(await readFile("package.json", "utf8")) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(`>=${MIN_NODE_MAJOR}`);
  });
});
