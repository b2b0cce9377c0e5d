/**
 * Resource properties as the policy engine hands them to a policy, turned into plain data.
 *
 * @pulumi/policy deserializes the engine's protobuf Struct and wraps it in proxies: one throws on any
 * read of a value that is unknown during preview (so a naive policy is skipped with "can't run during
 * preview"), one keeps secrets secret when a remediation writes. Our policies read a plain copy instead
 * and decide explicitly what an unknown value means, so a preview still checks everything it can.
 */
import { Secret } from "@pulumi/policy";

/**
 * The engine's wire sentinels for values that are not known yet. The Go engine sends every unknown as
 * the string sentinel; @pulumi/policy recognises the typed variants too, so we do the same.
 */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (the one the engine sends)
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** Stands for a value the engine does not know yet (preview, computed from another resource's output). */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

export type Plain = null | boolean | number | string | Unknown | Plain[] | { [key: string]: Plain };
export type PlainRecord = { [key: string]: Plain };

// Keys @pulumi/policy's proxies answer to (proxy.ts: isSpecialProxy, getSpecialProxyTarget).
const IS_SPECIAL_PROXY = "__isSpecialProxy";
const SPECIAL_PROXY_TARGET = "__getSpecialProxyTarget";

/** The raw value behind @pulumi/policy's proxies and Secret wrappers (one level). */
export function unwrap(value: unknown): unknown {
  let current = value;
  while (current instanceof Object && (current as Record<string, unknown>)[IS_SPECIAL_PROXY] === true) {
    current = (current as Record<string, unknown>)[SPECIAL_PROXY_TARGET];
  }
  return current instanceof Secret ? unwrap(current.value) : current;
}

export function isUnknown(value: unknown): value is Unknown {
  return value === UNKNOWN || (typeof value === "string" && UNKNOWN_SENTINELS.has(value));
}

/** A deep plain copy: proxies and secrets unwrapped, unknown values as UNKNOWN, undefined dropped. */
export function toPlain(value: unknown): Plain {
  const raw = unwrap(value);
  if (isUnknown(raw)) return UNKNOWN;
  if (raw === null || typeof raw === "boolean" || typeof raw === "number" || typeof raw === "string") return raw;
  if (Array.isArray(raw)) return raw.map((item) => toPlain(item));
  if (typeof raw === "object") {
    const out: PlainRecord = {};
    for (const [key, item] of Object.entries(raw as Record<string, unknown>)) {
      if (item !== undefined) out[key] = toPlain(item);
    }
    return out;
  }
  return null;
}

export function isRecord(value: Plain | undefined): value is PlainRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A nested block as a list: provider v6 list-shaped blocks, v7 objects and absent blocks read alike. */
export function asList(value: Plain | undefined): Plain[] | Unknown {
  if (value === UNKNOWN) return UNKNOWN;
  if (Array.isArray(value)) return value;
  if (isRecord(value)) return [value];
  return [];
}

export function asString(value: Plain | undefined): string | Unknown | undefined {
  return value === UNKNOWN || typeof value === "string" ? value : undefined;
}

export function asBoolean(value: Plain | undefined): boolean | Unknown | undefined {
  return value === UNKNOWN || typeof value === "boolean" ? value : undefined;
}

/** Strings of a string-or-list field (IAM Action, Resource, Principal.Service); UNKNOWN if any part is. */
export function asStrings(value: Plain | undefined): string[] | Unknown {
  if (value === UNKNOWN) return UNKNOWN;
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const out: string[] = [];
  for (const item of items) {
    if (item === UNKNOWN) return UNKNOWN;
    if (typeof item === "string") out.push(item);
  }
  return out;
}

/** First present field among alternative spellings (provider versions rename nested fields). */
export function field(record: PlainRecord, ...names: string[]): Plain | undefined {
  for (const name of names) {
    if (record[name] !== undefined) return record[name];
  }
  return undefined;
}

/** For messages: a value as the user wrote it, or a note that it is not known yet. */
export function describe(value: Plain | undefined): string {
  if (value === undefined) return "absent";
  if (value === UNKNOWN) return "not known until apply";
  return JSON.stringify(value);
}
