import { describe, expect, it } from "vitest";
import { createProgressReporter } from "../../../../../action/surfaces/cli/progress-reporter.ts";

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, write: (text: string) => void writes.push(text) };
}

describe("createProgressReporter", () => {
  const progress = { files: 4, filesDone: 1, rows: 1_234_567, bytes: 200e6 };

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
});
