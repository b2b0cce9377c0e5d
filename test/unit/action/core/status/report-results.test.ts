import { describe, expect, it } from "vitest";
import { addResult, emptyTally, failureGroups, parseResultRecord } from "../../../../../action/core/status/report-results.ts";

describe("completion report rows", () => {
  it("reads the HTTP status from column 5 when it is numeric there, as AWS's sample rows do", () => {
    const row = parseResultRecord(["b", "big.bin", "", "failed", "400", "InvalidRequest", "The specified copy source is larger than the maximum allowable size"]);
    expect(row).toMatchObject({ status: "failed", httpStatus: 400, errorCode: "InvalidRequest" });
  });

  it("reads the HTTP status from column 6 when the row follows the ReportSchema order", () => {
    expect(parseResultRecord(["b", "k", "v1", "failed", "AccessDenied", "403", "Access Denied"])).toMatchObject({ httpStatus: 403, errorCode: "AccessDenied", versionId: "v1" });
  });

  it("ignores records that are not result rows", () => {
    expect(parseResultRecord(["Bucket", "Key", "VersionId", "TaskStatus"])).toBeUndefined();
  });

  it("tallies failures by error code with a few example keys, largest group first", () => {
    const tally = emptyTally();
    for (let index = 0; index < 5; index += 1) addResult(tally, parseResultRecord(["b", `gone-${index}`, "", "failed", "404", "NoSuchKey", "not found"])!);
    addResult(tally, parseResultRecord(["b", "k", "", "failed", "403", "AccessDenied", "KMS denied"])!);
    addResult(tally, parseResultRecord(["b", "ok", "", "succeeded", "200", "", "Successful"])!);
    expect(tally.failed).toBe(6);
    expect(tally.succeeded).toBe(1);
    const groups = failureGroups(tally);
    expect(groups.map((group) => [group.errorCode, group.count])).toEqual([["NoSuchKey", 5], ["AccessDenied", 1]]);
    expect(groups[0]!.sampleKeys).toEqual(["gone-0", "gone-1", "gone-2"]);
  });
});
