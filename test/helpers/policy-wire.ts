/**
 * Resource properties the way the Pulumi engine puts them on the wire to a policy pack: a
 * google.protobuf.Struct, with unknown values (preview) as the string sentinel and secrets as the
 * signature object (engine: MarshalProperties with KeepUnknowns and KeepSecrets).
 */
import structPb from "google-protobuf/google/protobuf/struct_pb.js";

const { Struct } = structPb;
export type WireStruct = InstanceType<typeof Struct>;

/** What the engine sends for any value not known until apply. */
export const WIRE_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A secret value as the engine sends it. */
export function wireSecret(value: unknown): Record<string, unknown> {
  return { [SIG_KEY]: SECRET_SIG, value };
}

export function toStruct(props: Record<string, unknown>): WireStruct {
  return Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]);
}

export function fromStruct(struct: WireStruct | undefined): Record<string, unknown> {
  return struct ? (struct.toJavaScript() as Record<string, unknown>) : {};
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>`, as the engine builds URNs for top-level resources. */
export function urnOf(type: string, name: string, stack = "dev", project = "s3-bucket-keys"): string {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}
