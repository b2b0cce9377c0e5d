/**
 * Which dated S3 Inventory report to plan from. Pure.
 *
 * An inventory configuration writes `<config folder>/<YYYY-MM-DDTHH-MMZ>/manifest.json` and then
 * `manifest.checksum` next to it; the checksum is written last, so it marks a finished report.
 * Rule: the newest report (by folder name) that has manifest.json, and also manifest.checksum when
 * any report of that configuration has one. A folder whose reports never carry checksums (a copy
 * made without them) is taken at its newest manifest.json.
 */

/** A dated report folder name, e.g. "2026-11-28T01-00Z". */
export const REPORT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}Z$/;

export interface DatedReport {
  timestamp: string;
  hasManifest: boolean;
  hasChecksum: boolean;
}

export interface ReportChoice {
  timestamp: string | undefined;
  /** Newer folders passed over, with the reason, for the log. */
  skipped: { timestamp: string; reason: string }[];
}

export function chooseNewestReport(reports: readonly DatedReport[]): ReportChoice {
  const newestFirst = [...reports].filter((report) => REPORT_TIMESTAMP.test(report.timestamp)).sort((a, b) => b.timestamp.localeCompare(a.timestamp));
  const checksums = newestFirst.some((report) => report.hasChecksum);
  const skipped: ReportChoice["skipped"] = [];
  for (const report of newestFirst) {
    if (!report.hasManifest) {
      skipped.push({ timestamp: report.timestamp, reason: "no manifest.json (report still being written or removed)" });
    } else if (checksums && !report.hasChecksum) {
      skipped.push({ timestamp: report.timestamp, reason: "no manifest.checksum yet (S3 writes it when the report is complete)" });
    } else {
      return { timestamp: report.timestamp, skipped };
    }
  }
  return { timestamp: undefined, skipped };
}
