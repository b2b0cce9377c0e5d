/**
 * Reporting findings through the policy engine's `reportViolation`.
 *
 * Most findings are violations at the policy's configured enforcement level. Some are notes a
 * reviewer must see without the preview failing: an exemption in force (with its reason), a check
 * that can't run until apply because a value is unknown, a stale exemption. Those go out as advisory
 * diagnostics through the object form of `reportViolation`, which @pulumi/policy's server accepts
 * (since 1.19, `makeReportViolationFun`) and its typings still mark as internal. The protocol test
 * checks the level that reaches the engine.
 */
import type { EnforcementLevel, ReportViolation } from "@pulumi/policy";

export interface Finding {
  message: string;
  /** The resource the finding is about (stack policies); resource policies report on the resource itself. */
  urn?: string;
  /** A note that must show in the output but never fails the run. */
  advisory?: boolean;
}

type ReportViolationWithArgs = (args: { message: string; urn?: string; enforcementLevel: EnforcementLevel }) => void;

export function reportFindings(reportViolation: ReportViolation, findings: readonly Finding[]): void {
  for (const finding of findings) {
    if (finding.advisory) {
      const report = reportViolation as unknown as ReportViolationWithArgs;
      report({ message: finding.message, enforcementLevel: "advisory", ...(finding.urn ? { urn: finding.urn } : {}) });
    } else {
      reportViolation(finding.message, finding.urn);
    }
  }
}
