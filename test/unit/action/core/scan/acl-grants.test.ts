import { describe, expect, it } from "vitest";
import { hasExtraAclGrants } from "../../../../../action/core/scan/acl-grants.ts";
import { aclField, PRIVATE_ACL, PUBLIC_READ_ACL } from "../../../../helpers/inventory-rows.ts";

describe("hasExtraAclGrants", () => {
  it("accepts an ACL with only the owner's FULL_CONTROL", () => expect(hasExtraAclGrants(PRIVATE_ACL)).toBe(false));
  it("flags a public-read grant", () => expect(hasExtraAclGrants(PUBLIC_READ_ACL)).toBe(true));
  it("flags FULL_CONTROL for a second account", () => {
    const grants = [{ canonicalId: "owner", type: "CanonicalUser", permission: "FULL_CONTROL" }, { canonicalId: "other", type: "CanonicalUser", permission: "FULL_CONTROL" }];
    expect(hasExtraAclGrants(aclField(grants))).toBe(true);
  });
  it("treats an empty, unreadable or unavailable ACL as unsafe to reset", () => {
    expect(hasExtraAclGrants("")).toBe(true);
    expect(hasExtraAclGrants("not base64 json")).toBe(true);
    expect(hasExtraAclGrants(Buffer.from(JSON.stringify({ status: "UNAVAILABLE", grants: [] })).toString("base64"))).toBe(true);
  });
});
