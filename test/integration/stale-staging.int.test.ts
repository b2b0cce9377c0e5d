/**
 * sweepStaleStaging on real folders: a staging folder whose process is gone is removed; one whose
 * process still runs, one from another host and a recent one without an owner record are kept and
 * named; an old one without an owner record (an older version's) is removed.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaging, discardStaging, sweepStaleStaging } from "../../action/io/plan/output-writer.ts";

let root: string;
const out = () => join(root, "plan");
const host = createHash("sha256").update(hostname()).digest("hex").slice(0, 8);

/** A staging folder as createStaging names it (`<pid>.<host tag>-<random>`), with or without its owner.json. */
async function staging(name: string, owner?: { pid: number; host?: string; started?: string }): Promise<string> {
  const dir = join(root, `.plan.bucket-keys-${owner ? `${owner.pid}.${owner.host ?? host}-` : ""}${name}`);
  await mkdir(dir);
  if (owner?.started) await writeFile(join(dir, "owner.json"), JSON.stringify({ started: owner.started }));
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "bucket-keys-staging-"));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe("sweepStaleStaging", () => {
  it("removes the folders of stopped runs and old unowned ones, and names the rest", async () => {
    // A process that has exited: its pid is free (or reused, then it is only named).
    const exited = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    const gone = await staging("gone", { pid: Number(exited), started: "2026-11-01T00:00:00Z" });
    // Killed before it wrote owner.json: its name still says whose it was.
    const killedEarly = await staging("early", { pid: Number(exited) });
    const running = await staging("running", { pid: process.pid, started: "2026-11-01T00:00:00Z" });
    const elsewhere = await staging("elsewhere", { pid: 1, host: "0badc0de", started: "2026-11-01T00:00:00Z" });
    const recent = await staging("recent");
    const old = await staging("old");
    await utimes(old, new Date("2026-01-01"), new Date("2026-01-01"));
    const unrelated = join(root, ".other.bucket-keys-x");
    await mkdir(unrelated);

    const sweep = await sweepStaleStaging(out());
    expect(sweep.removed.map((item) => item.dir).sort()).toEqual([gone, killedEarly, old].sort());
    expect(sweep.removed.find((item) => item.dir === gone)!.why).toBe(`left by pid ${exited}, started 2026-11-01T00:00:00Z, which stopped before it could clean up`);
    expect(sweep.removed.find((item) => item.dir === killedEarly)!.why).toBe(`left by pid ${exited}, which stopped before it could clean up`);
    expect(sweep.kept.map((item) => item.dir).sort()).toEqual([elsewhere, recent, running].sort());
    expect(sweep.kept.find((item) => item.dir === running)!.why).toContain(`pid ${process.pid}, started 2026-11-01T00:00:00Z is still running`);
    expect(existsSync(gone) || existsSync(killedEarly) || existsSync(old)).toBe(false);
    expect(existsSync(running) && existsSync(elsewhere) && existsSync(recent) && existsSync(unrelated)).toBe(true);
  });

  it("leaves the staging folder of the run itself alone (its owner is alive)", async () => {
    const mine = await createStaging(join(root, "mine"));
    const sweep = await sweepStaleStaging(join(root, "mine"));
    expect(sweep.removed).toEqual([]);
    expect(sweep.kept.map((item) => item.dir)).toEqual([mine.dir]);
    await discardStaging(mine);
  });
});
