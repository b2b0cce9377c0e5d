/**
 * A stand-in for the Pulumi engine: the ResourceMonitor and Engine gRPC services a nodejs program
 * talks to (what `pulumi preview` provides), on a loopback port. Resources get mocked physical
 * state from pulumi-mock-aws.ts instead of being created, and invokes are answered there too.
 * It records every registration, the stack outputs and the program's log messages.
 */
import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";
import { checkedInputs, mockCall, mockResourceState } from "./pulumi-mock-aws.ts";
import type { MockEngineOptions } from "./pulumi-mock-aws.ts";

export type { MockEngineOptions } from "./pulumi-mock-aws.ts";

// The proto stubs check that responses are instances of their own message classes, so take
// grpc-js, google-protobuf and the stubs from @pulumi/pulumi's own dependency tree.
const pulumiRequire = createRequire(createRequire(import.meta.url).resolve("@pulumi/pulumi/package.json"));
const grpc = pulumiRequire("@grpc/grpc-js") as typeof grpcTypes;
const resproto = pulumiRequire("./proto/resource_pb.js");
const resgrpc = pulumiRequire("./proto/resource_grpc_pb.js");
const engproto = pulumiRequire("./proto/engine_pb.js");
const enggrpc = pulumiRequire("./proto/engine_grpc_pb.js");
const { Empty } = pulumiRequire("google-protobuf/google/protobuf/empty_pb.js");
const { Struct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb.js");

/** Wire markers of the Pulumi property format (sdk/nodejs/runtime/rpc.ts). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const STACK_TYPE = "pulumi:pulumi:Stack";
const LOG_SEVERITIES = ["debug", "info", "warning", "error"] as const;

export interface RecordedResource {
  type: string;
  name: string;
  urn: string;
  inputs: Record<string, unknown>;
  parent: string | undefined;
  custom: boolean;
}

export interface LogEntry {
  severity: (typeof LOG_SEVERITIES)[number];
  message: string;
  urn: string | undefined;
}

/** Plain values: secrets unwrapped, unknowns (preview only) as undefined. */
export function plainProperty(value: unknown): unknown {
  if (value === UNKNOWN_VALUE) return undefined;
  if (Array.isArray(value)) return value.map(plainProperty);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) return plainProperty(record["value"]);
    return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, plainProperty(inner)]));
  }
  return value;
}

type Callback = (error: grpcTypes.ServiceError | null, response?: unknown) => void;
interface Call {
  /** A generated protobuf message (the stubs ship no types). */
  request: any;
}

function struct(value: Record<string, unknown>): unknown {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(value)) as Record<string, never>);
}

function fail(callback: Callback, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  callback(Object.assign(new Error(message), { code: grpc.status.UNKNOWN, details: message, metadata: new grpc.Metadata() }));
}

export class MockPulumiEngine {
  readonly resources: RecordedResource[] = [];
  readonly logs: LogEntry[] = [];
  stackOutputs: Record<string, unknown> | undefined;
  /** `127.0.0.1:<port>`, for `--monitor` and `--engine`. */
  address = "";
  private rootUrn = "";
  private readonly options: MockEngineOptions;
  private readonly server = new grpc.Server();
  private readonly qualifiedTypes = new Map<string, string>();

  private constructor(options: MockEngineOptions) {
    this.options = options;
  }

  static async start(options: MockEngineOptions): Promise<MockPulumiEngine> {
    const engine = new MockPulumiEngine(options);
    engine.server.addService(resgrpc.ResourceMonitorService, engine.monitorHandlers());
    engine.server.addService(enggrpc.EngineService, engine.engineHandlers());
    const port = await new Promise<number>((resolve, reject) =>
      engine.server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    engine.address = `127.0.0.1:${port}`;
    return engine;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
  }

  /** Real engine URNs: the parent's type chain, except the root stack's, prefixes the type. */
  private urnFor(parent: string, type: string, name: string): string {
    const parentType = parent === "" ? undefined : this.qualifiedTypes.get(parent);
    const qualified = parentType === undefined || parentType === STACK_TYPE ? type : `${parentType}$${type}`;
    const urn = `urn:pulumi:${this.options.stack}::${this.options.project}::${qualified}::${name}`;
    this.qualifiedTypes.set(urn, qualified);
    return urn;
  }

  private monitorHandlers(): grpcTypes.UntypedServiceImplementation {
    return {
      getDeploymentInfo: (_call: Call, callback: Callback) => {
        const info = new resproto.DeploymentInfo();
        const features = resproto.ResourceMonitorFeature;
        info.setSupportedfeaturesList([features.RESOURCE_MONITOR_FEATURE_SECRETS, features.RESOURCE_MONITOR_FEATURE_DELETED_WITH]);
        callback(null, info);
      },
      supportsFeature: (call: Call, callback: Callback) => {
        const response = new resproto.SupportsFeatureResponse();
        response.setHassupport(["secrets", "deletedWith"].includes(call.request.getId()));
        callback(null, response);
      },
      invoke: (call: Call, callback: Callback) => {
        try {
          const response = new resproto.ResourceInvokeResponse();
          response.setReturn(struct(mockCall(this.options, call.request.getTok())));
          callback(null, response);
        } catch (error) {
          fail(callback, error);
        }
      },
      registerResource: (call: Call, callback: Callback) => {
        try {
          const request = call.request;
          const type: string = request.getType();
          const name: string = request.getName();
          const custom: boolean = request.getCustom();
          const inputs = plainProperty(request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
          const urn = this.urnFor(request.getParent(), type, name);
          const { id, state } = custom ? mockResourceState(this.options, type, name, inputs) : { id: "", state: {} };
          this.resources.push({ type, name, urn, inputs: checkedInputs(type, inputs, state), parent: request.getParent() === "" ? undefined : request.getParent(), custom });
          const response = new resproto.RegisterResourceResponse();
          response.setUrn(urn);
          response.setId(id);
          response.setObject(struct(state));
          callback(null, response);
        } catch (error) {
          fail(callback, error);
        }
      },
      registerResourceOutputs: (call: Call, callback: Callback) => {
        if (call.request.getUrn() === this.rootUrn) {
          this.stackOutputs = plainProperty(call.request.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        }
        callback(null, new Empty());
      },
      registerPackage: (_call: Call, callback: Callback) => {
        const response = new resproto.RegisterPackageResponse();
        response.setRef("mock-package");
        callback(null, response);
      },
      signalAndWaitForShutdown: (_call: Call, callback: Callback) => callback(null, new Empty()),
    };
  }

  private engineHandlers(): grpcTypes.UntypedServiceImplementation {
    return {
      log: (call: Call, callback: Callback) => {
        const urn: string = call.request.getUrn();
        this.logs.push({ severity: LOG_SEVERITIES[call.request.getSeverity() as 0 | 1 | 2 | 3], message: call.request.getMessage(), urn: urn === "" ? undefined : urn });
        callback(null, new Empty());
      },
      getRootResource: (_call: Call, callback: Callback) => {
        const response = new engproto.GetRootResourceResponse();
        response.setUrn(this.rootUrn);
        callback(null, response);
      },
      setRootResource: (call: Call, callback: Callback) => {
        this.rootUrn = call.request.getUrn();
        callback(null, new engproto.SetRootResourceResponse());
      },
      requirePulumiVersion: (_call: Call, callback: Callback) => callback(null, new engproto.RequirePulumiVersionResponse()),
    };
  }
}
