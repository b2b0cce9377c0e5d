import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManifestAssembler } from "../../action/io/manifest-assembler.ts";

describe("ManifestAssembler", () => {
  let dir: string;
  beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), "assembler-"))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  const part = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };

  it("appends parts in file order whatever order the files finish in, and hashes each manifest", async () => {
    const assembler = new ManifestAssembler(dir);
    const idOf = (key: string) => (key === "update" ? "update-b" : "copy-b-standard");
    assembler.add(2, { update: await part("2u", "b,c,3\n") }, idOf);
    assembler.add(0, { update: await part("0u", "b,a,1\n"), "copy:STANDARD": await part("0c", "b,x\n") }, idOf);
    assembler.add(1, { "copy:STANDARD": await part("1c", "b,y\n"), update: await part("1u", "b,b,2\n") }, idOf);
    const done = await assembler.finish();
    expect(await readFile(join(dir, "update-b.csv"), "utf8")).toBe("b,a,1\nb,b,2\nb,c,3\n");
    expect(await readFile(join(dir, "copy-b-standard.csv"), "utf8")).toBe("b,x\nb,y\n");
    expect(done["update-b"]).toEqual({ sha256: createHash("sha256").update("b,a,1\nb,b,2\nb,c,3\n").digest("hex"), bytes: 18 });
  });

  it("refuses to finish while a file before the others never arrived", async () => {
    const assembler = new ManifestAssembler(dir);
    assembler.add(1, { update: await part("1u", "b,b,2\n") }, () => "update-b");
    await expect(assembler.finish()).rejects.toThrow("ManifestAssembler: file 0 never arrived");
  });
});
