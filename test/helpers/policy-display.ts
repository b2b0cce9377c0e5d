/**
 * Renders diagnostics the way `pulumi preview` prints its "Policies:" section (pkg/backend/display:
 * progress.go printPolicies, diff.go renderDiffPolicyViolationEvent, tokens.Type.DisplayName), without
 * colours. The Pulumi CLI can't run here, so the README's sample output is this rendering of the
 * pack's real diagnostics, and a test keeps the two identical.
 */
import type { Diagnostic, Level, Severity } from "./policy-engine.ts";

const ENFORCEMENT_RANK: Record<Level, number> = { remediate: 0, mandatory: 1, advisory: 2, disabled: 3 };
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, "": 4 };

/** Go's cmp.Compare on strings: byte order, not locale order. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function camelCase(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** `aws:s3/bucket:Bucket` -> `aws:s3:Bucket`, as tokens.Type.DisplayName shortens it. */
export function displayType(type: string): string {
  const [pkg, module, name, ...rest] = type.split(":");
  if (pkg === undefined || module === undefined || !name || rest.length > 0) return type;
  const slash = module.lastIndexOf("/");
  if (slash === -1 || module.slice(slash + 1) !== camelCase(name)) return type;
  return `${pkg}:${module.slice(0, slash)}:${name}`;
}

function resourceClause(urn: string): string {
  const parts = urn.split("::");
  if (parts.length < 4) return "";
  const type = parts[2]!.split("$").at(-1)!;
  return `  (${displayType(type)}: ${parts.slice(3).join("::")})`;
}

export function renderPolicies(diagnostics: readonly Diagnostic[], localPath: string): string {
  const first = diagnostics[0];
  if (!first) return "";
  const mark = diagnostics.some((d) => d.enforcementLevel === "mandatory") ? "❌" : "⚠️";
  const sorted = [...diagnostics].sort(
    (a, b) =>
      ENFORCEMENT_RANK[a.enforcementLevel] - ENFORCEMENT_RANK[b.enforcementLevel] ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      compare(a.policyName, b.policyName) ||
      compare(a.urn, b.urn),
  );
  const lines = ["Policies:", `    ${mark} ${first.policyPackName}@v${first.policyPackVersion} (local: ${localPath})`];
  for (const d of sorted) {
    const severity = d.severity ? ` [severity: ${d.severity}]` : "";
    lines.push(`        - [${d.enforcementLevel}]${severity}  ${d.policyName}${resourceClause(d.urn)}`);
    lines.push(`          ${d.message.replace(/\n$/, "").replaceAll("\n", "\n          ")}`);
  }
  return lines.join("\n");
}
