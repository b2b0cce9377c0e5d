import { describe, expect, it } from "vitest";
import { chooseNewestReport } from "../../../../../action/core/inventory/inventory-report-choice.ts";

describe("chooseNewestReport", () => {
  it("takes the newest report by folder name", () => {
    const choice = chooseNewestReport([
      { timestamp: "2026-11-27T01-00Z", hasManifest: true, hasChecksum: true },
      { timestamp: "2026-11-28T01-00Z", hasManifest: true, hasChecksum: true },
    ]);
    expect(choice.timestamp).toBe("2026-11-28T01-00Z");
  });

  it("passes over a newer report without manifest.checksum when the configuration writes checksums", () => {
    const choice = chooseNewestReport([
      { timestamp: "2026-11-28T01-00Z", hasManifest: true, hasChecksum: false },
      { timestamp: "2026-11-27T01-00Z", hasManifest: true, hasChecksum: true },
    ]);
    expect(choice.timestamp).toBe("2026-11-27T01-00Z");
    expect(choice.skipped[0]!.reason).toContain("manifest.checksum");
  });

  it("accepts manifest.json alone when no report of the configuration has a checksum", () => {
    expect(chooseNewestReport([{ timestamp: "2026-11-28T01-00Z", hasManifest: true, hasChecksum: false }]).timestamp).toBe("2026-11-28T01-00Z");
  });

  it("finds nothing when no folder holds a manifest", () => {
    expect(chooseNewestReport([{ timestamp: "2026-11-28T01-00Z", hasManifest: false, hasChecksum: false }]).timestamp).toBeUndefined();
  });
});
