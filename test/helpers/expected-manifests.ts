/**
 * The manifests a plan must produce for rows whose outcome is known (routing cases), computed the
 * obvious way, to compare with what the engine wrote.
 */
import type { RoutingCase } from "./inventory-rows.ts";

/** encodeURIComponent with "/" kept: the manifest form of a plain key. */
export function manifestKeyOf(plainKey: string): string {
  return encodeURIComponent(plainKey).replace(/%2F/g, "/");
}

/** Expected CSV text of each job (by job id) and count of each skip reason, in inventory order. */
export function expectedOutcome(bucket: string, cases: readonly RoutingCase[], options: { versionIds: boolean }) {
  const manifests: Record<string, string> = {};
  const skipped: Record<string, number> = {};
  for (const { row, expected } of cases) {
    if ("skip" in expected) {
      skipped[expected.skip] = (skipped[expected.skip] ?? 0) + 1;
      continue;
    }
    const key = manifestKeyOf(row.Key!);
    if (expected.job === "update") {
      const id = `update-${bucket}`;
      manifests[id] = (manifests[id] ?? "") + `${bucket},${key}${options.versionIds ? `,${row.VersionId || "null"}` : ""}\n`;
    } else {
      const storageClass = expected.job.slice("copy:".length).toLowerCase().replace(/_/g, "-");
      const id = `copy-${bucket}-${storageClass}`;
      manifests[id] = (manifests[id] ?? "") + `${bucket},${key}\n`;
    }
  }
  return { manifests, skipped };
}
