/**
 * Hidden markers that let the Action find its own pull request comments again and edit them instead
 * of adding new ones. Pure.
 */

/** The comment apply writes with the jobs it created for a plan. */
export function applyCommentMarker(planId: string): string {
  return `<!-- bucket-keys:apply plan=${planId} -->`;
}

/** The single status comment on a pull request. */
export const STATUS_COMMENT_MARKER = "<!-- bucket-keys:status -->";

export interface CommentLike {
  id: number;
  body?: string | null | undefined;
  user?: { login?: string; type?: string } | null | undefined;
}

/** The first comment carrying `marker`; `undefined` when there is none. */
export function findMarkedComment<T extends CommentLike>(comments: readonly T[], marker: string): T | undefined {
  return comments.find((comment) => (comment.body ?? "").includes(marker));
}
