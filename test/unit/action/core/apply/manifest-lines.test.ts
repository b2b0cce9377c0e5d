import { describe, expect, it } from "vitest";
import { ManifestLineCheck } from "../../../../../action/core/apply/manifest-lines.ts";

function tally(text: string, chunkBytes: number, fields = 3, bucket = "logs-bucket") {
  const check = new ManifestLineCheck(bucket, fields);
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += chunkBytes) check.push(bytes.subarray(at, at + chunkBytes));
  return check.finish();
}

describe("ManifestLineCheck", () => {
  const good = "logs-bucket,a%2Cb.txt,null\nlogs-bucket,dir/c.txt,3HL4kqtJlcpXroDTDmJ\nlogs-bucket,d,null\n";

  it.each([1, 2, 7, 1024])("counts the lines of a manifest fed in chunks of %i bytes and finds none bad", (size) => {
    expect(tally(good, size)).toEqual({ lines: 3, bad: undefined });
  });

  it("counts a last line without a newline", () => {
    expect(tally(good.trimEnd(), 5).lines).toBe(3);
  });

  it("names the first line whose first field is not the job's bucket, with its number and text", () => {
    const result = tally(`${good}logs-bucket-2,x,null\nother,y,null\n`, 4);
    expect(result.lines).toBe(5);
    expect(result.bad).toEqual({ line: 4, text: "logs-bucket-2,x,null", problem: "other-bucket" });
  });

  it("names a line with more or fewer fields than the plan's", () => {
    expect(tally("logs-bucket,a,null\nlogs-bucket,b\n", 3).bad).toEqual({ line: 2, text: "logs-bucket,b", problem: "field-count" });
    expect(tally("logs-bucket,a\nlogs-bucket,b,c\n", 3, 2).bad).toEqual({ line: 2, text: "logs-bucket,b,c", problem: "field-count" });
  });

  it("names a line longer than any manifest line", () => {
    expect(tally(`logs-bucket,${"k".repeat(20_000)}`, 4096, 2).bad?.problem).toBe("too-long");
  });
});
