import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlanOperation } from "../../../../../action/contracts/plan-schema.ts";
import { SIGNATURE_COLUMNS } from "../../../../../action/core/scan/read-row-facts.ts";
import { escapedKeyRows, objectLockRows, PULUMI_SCHEMA } from "../../../../helpers/bench-inventories.ts";
import { FULL_SCHEMA, STANDARD_SCHEMA, TUTORIAL_SCHEMA } from "../../../../helpers/inventory-builder.ts";
import { PRIVATE_ACL, PUBLIC_READ_ACL, realisticRows, routingCases } from "../../../../helpers/inventory-rows.ts";
import { anyCase, csvOf, csvOfRawKeys, INVENTORY_TIME, plan, type Outcome } from "../../../../helpers/kernel-plan.ts";
import { rawKey, validRawKey } from "../../../../helpers/raw-keys.ts";

const row = fc.record({
  Bucket: fc.constant("media"),
  Key: fc.oneof(fc.constantFrom("a/b.txt", "logs/x-1.json", "photos/a b+c ü.jpg", "x(1)!~*'.txt"), fc.string({ minLength: 1, maxLength: 12 })),
  VersionId: fc.constantFrom("", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", "v1_a.b", "null"),
  IsLatest: anyCase(["true", "false", ""]),
  IsDeleteMarker: anyCase(["true", "false", ""]),
  Size: fc.constantFrom("", "0", "1024", "5368709120", "5368709121", "99999999999", "12a", "007"),
  LastModifiedDate: fc.constant("2025-06-01T12:00:00.000Z"),
  ETag: fc.constant("0123456789abcdef0123456789abcdef"),
  StorageClass: anyCase(["STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE", "REDUCED_REDUNDANCY", "EXPRESS_ONEZONE", "", "X"]),
  EncryptionStatus: anyCase(["SSE-KMS", "SSE-S3", "NOT-SSE", "DSSE-KMS", "SSE-C", "", "SSE-KMS-X"]),
  BucketKeyStatus: anyCase(["ENABLED", "DISABLED", ""]),
  IntelligentTieringAccessTier: anyCase(["ARCHIVE_ACCESS", "DEEP_ARCHIVE_ACCESS", "FREQUENT", "", "ARCHIVE"]),
  ObjectLockMode: anyCase(["GOVERNANCE", "COMPLIANCE", ""]),
  ObjectLockRetainUntilDate: fc.constantFrom("", "2099-01-01T00:00:00.000Z", "2020-01-01T00:00:00.000Z", "soon"),
  ObjectLockLegalHoldStatus: anyCase(["ON", "OFF", ""]),
  ObjectAccessControlList: fc.constantFrom(PRIVATE_ACL, PUBLIC_READ_ACL, ""),
});

describe("KernelRoutes (the kernel's routeRows, taught by the row handler)", () => {
  it("gives the JavaScript path's manifests, counts and tally key order for random rows, schemas and operations", () => {
    const schemas = [FULL_SCHEMA, [...FULL_SCHEMA].reverse(), STANDARD_SCHEMA, TUTORIAL_SCHEMA];
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), fc.constantFrom(...schemas), fc.constantFrom<PlanOperation>("auto", "copy", "update"), fc.integer({ min: 1, max: 300 }), (rows, schema, operation, chunk) => {
        const csv = csvOf(rows, schema);
        expect(plan(csv, schema, operation, true, chunk)).toEqual({ ...(plan(csv, schema, operation, false, chunk) as Outcome), kernelRows: expect.any(Number) });
      }),
      { numRuns: 400 },
    );
  });

  it("gives the JavaScript path's manifests, tallies and errors for random keys over the whole byte range", () => {
    const base = routingCases("media").map((c) => c.row);
    const key = fc.oneof({ weight: 30, arbitrary: validRawKey() }, { weight: 1, arbitrary: rawKey() });
    const keyedRow = fc.record({ row: fc.constantFrom(...base), rawKey: key, versionId: fc.constantFrom("", "v1_a.b", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY") });
    fc.assert(
      fc.property(fc.array(keyedRow, { minLength: 1, maxLength: 30 }), fc.constantFrom<PlanOperation>("auto", "copy", "update"), fc.integer({ min: 1, max: 300 }), (picked, operation, chunk) => {
        const csv = csvOfRawKeys(picked.map(({ row, rawKey, versionId }) => ({ row: { ...row, VersionId: versionId }, rawKey })), FULL_SCHEMA);
        const viaJavaScript = plan(csv, FULL_SCHEMA, operation, false, chunk);
        const viaKernel = plan(csv, FULL_SCHEMA, operation, true, chunk);
        expect(viaKernel).toEqual(typeof viaJavaScript === "string" ? viaJavaScript : { ...viaJavaScript, kernelRows: expect.any(Number) });
      }),
      { numRuns: 1500 },
    );
  });

  it.each([
    ["every key escaped", STANDARD_SCHEMA, false, () => escapedKeyRows("media", 20_000, 5)],
    ["a third of the rows under Object Lock", PULUMI_SCHEMA, true, () => objectLockRows("media", 20_000, 5)],
  ] as const)("leaves only the first row of each signature to JavaScript on an inventory with %s", (_name, schema, encode, rows) => {
    const list = [...rows()];
    const csv = encode ? csvOf(list, schema) : csvOfRawKeys(list.map((row) => ({ row, rawKey: Buffer.from(row.Key!) })), schema);
    const viaKernel = plan(csv, schema, "auto", true, 100_000) as Outcome;
    expect(viaKernel).toEqual({ ...(plan(csv, schema, "auto", false, 100_000) as Outcome), kernelRows: viaKernel.kernelRows });
    // A signature: the exact values of the signature columns, and the Size and retention-date bits.
    const signatures = new Set(
      list.map((row) =>
        [...SIGNATURE_COLUMNS.map((column) => ((schema as readonly string[]).includes(column) ? (row[column] ?? "") : "-")), Number(row.Size) > 5 * 1024 ** 3, schema.length > 11 && Date.parse(row.ObjectLockRetainUntilDate ?? "") <= INVENTORY_TIME].join("|"),
      ),
    );
    // JavaScript routes the first row of each signature, and writes the row that found its job's
    // output region full (one per megabyte of manifest lines, after the flush).
    const javascriptRows = list.length - viaKernel.kernelRows;
    const flushes = Object.values(viaKernel.outputs).reduce((sum, lines) => sum + Math.floor(lines.length / 2 ** 20), 0);
    expect(javascriptRows).toBeGreaterThanOrEqual(signatures.size);
    expect(javascriptRows).toBeLessThanOrEqual(signatures.size + flushes);
  });

  it("routes most realistic rows in the kernel, with the same outcome across output-region flushes", () => {
    const rows = [...routingCases("media").map((c) => c.row), ...realisticRows("media", 30_000, 3)];
    const csv = csvOf(rows, FULL_SCHEMA);
    const viaKernel = plan(csv, FULL_SCHEMA, "auto", true, 100_000) as Outcome;
    expect(viaKernel).toEqual({ ...(plan(csv, FULL_SCHEMA, "auto", false, 100_000) as Outcome), kernelRows: viaKernel.kernelRows });
    expect(viaKernel.outputs.update!.length).toBeGreaterThan(1024 * 1024);
    expect(viaKernel.kernelRows).toBeGreaterThan(0.8 * rows.length);
  });

  it.each([
    ["a row of another bucket", { Bucket: "other" }, `data/x.csv.gz:3: row's Bucket "other" differs from the manifest's sourceBucket "media".`],
    ["an empty key", { Key: "" }, "data/x.csv.gz:3: row has an empty Key."],
    ["a version id S3 never writes", { VersionId: "v/1" }, `data/x.csv.gz:3: VersionId "v/1" has characters S3 version ids never contain.`],
  ])("fails on %s with the JavaScript path's message and line, after rows the kernel routed", (_name, change, message) => {
    const good = routingCases("media")[7]!.row;
    const csv = csvOf([good, good, { ...good, ...change }, good], FULL_SCHEMA);
    expect(plan(csv, FULL_SCHEMA, "auto", true)).toMatch(message);
    expect(plan(csv, FULL_SCHEMA, "auto", false)).toMatch(message);
  });

  it("fails on a row with too few fields with the JavaScript path's message and line", () => {
    const good = routingCases("media")[7]!.row;
    const csv = Buffer.concat([csvOf([good, good], FULL_SCHEMA), Buffer.from('"media","k"\n')]);
    expect(plan(csv, FULL_SCHEMA, "auto", true)).toMatch(`data/x.csv.gz:3: row has 2 fields but fileSchema lists 16 (${FULL_SCHEMA.join(", ")}).`);
  });
});
