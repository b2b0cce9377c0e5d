/**
 * Reads the ObjectAccessControlList inventory field (base64 of a JSON ACL document) and says whether it
 * grants anything beyond the owner's FULL_CONTROL, which a copy would silently take away.
 */

interface AclGrant {
  type?: unknown;
  permission?: unknown;
}

/** True when the ACL shares access beyond one owner FULL_CONTROL grant, or cannot be read (unknown is unsafe). */
export function hasExtraAclGrants(base64: string): boolean {
  if (base64 === "") return true;
  let document: { status?: unknown; grants?: unknown };
  try {
    document = JSON.parse(Buffer.from(base64, "base64").toString("utf8"));
  } catch {
    return true;
  }
  if (typeof document.status === "string" && document.status.toUpperCase() !== "AVAILABLE") return true;
  if (!Array.isArray(document.grants)) return true;
  const grants = document.grants as AclGrant[];
  const ownerGrants = grants.filter((grant) => grant.type === "CanonicalUser" && grant.permission === "FULL_CONTROL");
  return ownerGrants.length !== 1 || grants.length !== 1;
}
