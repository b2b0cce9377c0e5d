/**
 * GitHub JSON for the Contents API: a file with its base64 content, or a directory listing item.
 */
import type { FakeRepository } from "./fake-repository.ts";
import type { FlatFile } from "./git-store.ts";
import { wrapBase64, type UrlContext } from "./json-common.ts";
import { repoApi } from "./json-git.ts";

export function contentFileJson(ctx: UrlContext, repo: FakeRepository, path: string, file: FlatFile, ref: string): Record<string, unknown> {
  const content = repo.git.blob(file.sha);
  return { ...contentItemJson(ctx, repo, path, "file", file.sha, content.length, ref), content: wrapBase64(content), encoding: "base64" };
}

export function contentItemJson(
  ctx: UrlContext,
  repo: FakeRepository,
  path: string,
  type: "file" | "dir" | "submodule",
  sha: string,
  size: number,
  ref: string,
): Record<string, unknown> {
  const api = repoApi(ctx, repo);
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  const self = `${api}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
  const git = `${api}/git/${type === "dir" ? "trees" : "blobs"}/${sha}`;
  const html = `${ctx.htmlUrl}/${repo.fullName}/${type === "dir" ? "tree" : "blob"}/${ref}/${encoded}`;
  return {
    type,
    size,
    name: path.split("/").pop() ?? path,
    path,
    sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: type === "file" ? `${ctx.htmlUrl}/${repo.fullName}/raw/${ref}/${encoded}` : null,
    _links: { self, git, html },
  };
}
