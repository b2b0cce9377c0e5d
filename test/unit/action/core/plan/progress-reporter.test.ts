import { describe, expect, it } from "vitest";
import { createProgressReporter, describeProgress } from "../../../../../action/core/plan/progress-reporter.ts";

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, write: (text: string) => void writes.push(text) };
}

describe("createProgressReporter", () => {
  const progress = { files: 4, filesDone: 1, rows: 1_234_567, bytes: 200e6, inFlight: [] };

  it("redraws one live line on a terminal and clears it when done", () => {
    let now = 0;
    const out = stream(true);
    const reporter = createProgressReporter(out, () => now);
    now = 100;
    reporter.update(progress);
    expect(out.writes).toEqual([]);
    now = 2000;
    reporter.update(progress);
    reporter.done();
    expect(out.writes).toEqual(["\r\x1b[2Kscanning: 1/4 files, 1,234,567 rows, 100 MB/s", "\r\x1b[2K"]);
  });

  it("logs a plain line every few seconds when stderr is not a terminal", () => {
    let now = 0;
    const out = stream(false);
    const reporter = createProgressReporter(out, () => now);
    now = 4000;
    reporter.update(progress);
    now = 5000;
    reporter.update(progress);
    now = 6000;
    reporter.update(progress);
    reporter.done();
    expect(out.writes).toEqual(["scanning: 1/4 files, 1,234,567 rows, 40 MB/s\n"]);
  });

  it("logs at the interval it is given (the Action's log)", () => {
    let now = 0;
    const out = stream(false);
    const reporter = createProgressReporter(out, () => now, 15_000);
    now = 10_000;
    reporter.update(progress);
    now = 15_000;
    reporter.update(progress);
    expect(out.writes).toHaveLength(1);
  });
});

describe("describeProgress", () => {
  it("names each file silent for 3 s or more, and only those", () => {
    const line = describeProgress(
      { files: 3, filesDone: 0, rows: 10, bytes: 0, inFlight: [{ file: "s3://inv/data/a.csv.gz", silentMs: 12_400 }, { file: "s3://inv/data/b.csv.gz", silentMs: 2900 }] },
      20_000,
    );
    expect(line).toBe("scanning: 0/3 files, 10 rows, 0 MB/s; s3://inv/data/a.csv.gz: no byte for 12 s");
  });
});
