/**
 * REST-XML as the AWS SDK v3 S3 Control client writes and reads it: requests parsed into plain
 * trees of strings (lists are `<member>` elements, maps `<entry>`), responses built from plain objects.
 */
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { S3ControlError } from "./s3-control-error.ts";

export type XmlNode = string | XmlNode[] | { [name: string]: XmlNode };
export type XmlObject = { [name: string]: XmlNode };

export const S3_CONTROL_NAMESPACE = "http://awss3control.amazonaws.com/doc/2018-08-20/";

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === "member" || name === "entry",
});

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: false });

/** Parses a request body and returns the content of its root element (e.g. `CreateJobRequest`). */
export function parseRequestXml(body: string, rootName: string): XmlObject {
  let document: Record<string, unknown>;
  try {
    document = parser.parse(body) as Record<string, unknown>;
  } catch (error) {
    throw new S3ControlError(400, "MalformedXML", `The XML you provided was not well-formed: ${String(error)}`);
  }
  const root = document[rootName];
  if (root === undefined) {
    throw new S3ControlError(400, "MalformedXML", `The XML you provided was not well-formed or did not validate: expected <${rootName}>.`);
  }
  return root === "" ? {} : (root as XmlObject);
}

/** Builds `<?xml?><Root xmlns="...">...</Root>`; undefined members are left out. */
export function buildResponseXml(rootName: string, content: Record<string, unknown>): string {
  const body = builder.build({ [rootName]: { "@_xmlns": S3_CONTROL_NAMESPACE, ...(prune(content) as Record<string, unknown>) } }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

/** A list in S3 Control's XML form: `{ member: [...] }`. */
export function xmlList(items: unknown[]): { member: unknown[] } {
  return { member: items };
}

/** Reads a nested value by element names; undefined when any step is missing. */
export function xmlGet(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current: XmlNode | undefined = node;
  for (const name of path) {
    if (current === undefined || typeof current === "string" || Array.isArray(current)) return undefined;
    current = current[name];
  }
  return current;
}

/** The items of a `<member>` list (an empty element is an empty list). */
export function xmlMembers(node: XmlNode | undefined): XmlNode[] {
  if (node === undefined || node === "") return [];
  if (typeof node === "string" || Array.isArray(node)) return [];
  const members = node.member;
  return Array.isArray(members) ? members : members === undefined ? [] : [members];
}

export function xmlString(node: XmlNode | undefined): string | undefined {
  return typeof node === "string" ? node : undefined;
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) if (child !== undefined) out[key] = prune(child);
  return out;
}
