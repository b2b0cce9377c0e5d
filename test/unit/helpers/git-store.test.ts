import { describe, expect, it } from "vitest";
import { GitStore } from "../../helpers/github-server/git-store.ts";

const identity = { name: "A", email: "a@x", date: "2026-01-01T00:00:00Z" };

function storeWith(files: Record<string, string>): { git: GitStore; tree: string } {
  const git = new GitStore();
  const flat = new Map(Object.entries(files).map(([path, content]) => [path, { sha: git.putBlob(Buffer.from(content)), mode: "100644" }]));
  return { git, tree: git.buildTree(flat) };
}

describe("GitStore", () => {
  // Expected ids come from git itself: `git write-tree` and `git commit-tree` on the same files.
  it("builds nested trees with the ids git write-tree gives, sorting 'a-b.txt' before the 'a' directory", () => {
    const { tree } = storeWith({ "README.md": "hello\n", "a/b/c.txt": "c\n", "a-b.txt": "x\n", "a/z.txt": "z\n" });
    expect(tree).toBe("268099e3cb1ed47921bd40a4b164f00772d3022d");
  });

  it("hashes commits like git commit-tree", () => {
    const { git, tree } = storeWith({ "README.md": "hello\n", "a/b/c.txt": "c\n", "a-b.txt": "x\n", "a/z.txt": "z\n" });
    expect(git.putCommit({ tree, parents: [], author: identity, committer: identity, message: "m\n" })).toBe("d2360b9192bad5b4ef43ef908546d0ca81aad023");
  });

  it("flattens a tree back to the files it was built from", () => {
    const { git, tree } = storeWith({ "x/y.txt": "1", "z.txt": "2" });
    expect([...git.flatten(tree).keys()]).toEqual(["x/y.txt", "z.txt"]);
  });

  it("finds the merge base and lists commits between two heads, parents first", () => {
    const { git, tree } = storeWith({ "f.txt": "1" });
    const commit = (parents: string[], message: string): string => git.putCommit({ tree, parents, author: identity, committer: identity, message });
    const root = commit([], "root");
    const left = commit([root], "left");
    const right1 = commit([root], "right1");
    const right2 = commit([right1], "right2");
    expect(git.mergeBase(left, right2)).toBe(root);
    expect(git.commitsBetween(left, right2)).toEqual([right1, right2]);
    expect(git.isAncestor(root, right2)).toBe(true);
    expect(git.isAncestor(left, right2)).toBe(false);
  });
});
