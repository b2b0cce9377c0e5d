import { createHash } from "node:crypto";
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManifestAssembler } from "../../action/io/plan/manifest-assembler.ts";

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

  it("appends the part of the file whose turn it is as it grows, and a later file's part only when its turn comes", async () => {
    const assembler = new ManifestAssembler(dir);
    const idOf = () => "update-b";
    const first = await part("0u", "b,a,1\n");
    const second = await part("1u", "b,b,2\n");
    assembler.grow(1, second, 6, "update-b");
    assembler.grow(0, first, 6, "update-b");
    expect(await readFile(join(dir, "update-b.csv"), "utf8")).toBe("b,a,1\n");
    await appendFile(first, "b,a,11\n");
    assembler.grow(0, first, 13, "update-b");
    await appendFile(first, "b,a,111\n");
    expect(await readFile(join(dir, "update-b.csv"), "utf8")).toBe("b,a,1\nb,a,11\n");
    assembler.add(1, { update: second }, idOf);
    assembler.add(0, { update: first }, idOf);
    const done = await assembler.finish();
    const all = "b,a,1\nb,a,11\nb,a,111\nb,b,2\n";
    expect(await readFile(join(dir, "update-b.csv"), "utf8")).toBe(all);
    expect(done["update-b"]).toEqual({ sha256: createHash("sha256").update(all).digest("hex"), bytes: all.length });
  });

  it("refuses to finish while a file before the others never arrived", async () => {
    const assembler = new ManifestAssembler(dir);
    assembler.add(1, { update: await part("1u", "b,b,2\n") }, () => "update-b");
    await expect(assembler.finish()).rejects.toThrow("ManifestAssembler: file 0 never arrived");
  });
});
