/**
 * The engine's side of the Analyzer protocol, as the Pulumi CLI drives a local policy pack
 * (pkg/resource/plugin/analyzer_plugin.go, pkg/engine/update.go LoadLocalPolicyPackAnalyzers):
 * Handshake (optional), ConfigureStack, GetAnalyzerInfo, Configure with the reconciled config
 * (schema defaults, then the pack's initial config, then the config file), then Analyze per resource
 * (inputs), Remediate when a policy remediates, and AnalyzeStack (outputs) at the end.
 */
import type { ServiceError } from "@grpc/grpc-js";
import analyzerPb from "@pulumi/pulumi/proto/analyzer_pb.js";
import emptyPb from "google-protobuf/google/protobuf/empty_pb.js";
import type { AnalyzerClient, StackIdentity } from "./policy-pack-process.ts";
import { fromStruct, toStruct, urnOf } from "./policy-wire.ts";

const { EnforcementLevel, PolicySeverity, PolicyType } = analyzerPb;

export type Level = "advisory" | "mandatory" | "remediate" | "disabled";
const LEVELS: Record<number, Level> = {
  [EnforcementLevel.ADVISORY]: "advisory",
  [EnforcementLevel.MANDATORY]: "mandatory",
  [EnforcementLevel.REMEDIATE]: "remediate",
  [EnforcementLevel.DISABLED]: "disabled",
};
const LEVEL_CODES: Record<Level, number> = { advisory: EnforcementLevel.ADVISORY, mandatory: EnforcementLevel.MANDATORY, remediate: EnforcementLevel.REMEDIATE, disabled: EnforcementLevel.DISABLED };

export interface EngineResource {
  type: string;
  name: string;
  urn?: string;
  props: Record<string, unknown>;
  parent?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
}

export type Severity = "low" | "medium" | "high" | "critical" | "";
const SEVERITIES: Record<number, Severity> = {
  [PolicySeverity.POLICY_SEVERITY_LOW]: "low",
  [PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
  [PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
  [PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

export interface PolicyInfo {
  name: string;
  description: string;
  enforcementLevel: Level;
  type: "resource" | "stack" | "unknown";
  configSchema: { properties: Record<string, unknown>; required: string[] } | undefined;
}

export interface Diagnostic {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  message: string;
  urn: string;
  enforcementLevel: Level;
  severity: Severity;
}

export interface AnalysisResult {
  diagnostics: Diagnostic[];
  notApplicable: { policyName: string; reason: string }[];
}

/** A `--policy-pack-config` file: per policy (or "all") a level, or an object of settings with an optional level. */
export type PolicyConfigInput = Record<string, Level | { enforcementLevel?: Level; [setting: string]: unknown }>;

function entryOf(value: PolicyConfigInput[string] | undefined): { enforcementLevel?: Level; [setting: string]: unknown } {
  return typeof value === "string" ? { enforcementLevel: value } : (value ?? {});
}

type Callback<Response> = (error: ServiceError | null, response: Response) => void;

function call<Response>(invoke: (callback: Callback<Response>) => unknown): Promise<Response> {
  return new Promise((resolve, reject) => invoke((error, response) => (error ? reject(error) : resolve(response))));
}

type Message<T extends abstract new (...args: never) => unknown> = InstanceType<T>;

function toResourceMessage<T extends InstanceType<typeof analyzerPb.AnalyzeRequest> | InstanceType<typeof analyzerPb.AnalyzerResource>>(message: T, resource: EngineResource): T {
  message.setType(resource.type);
  message.setName(resource.name);
  message.setUrn(resource.urn ?? urnOf(resource.type, resource.name));
  message.setProperties(toStruct(resource.props));
  const options = new analyzerPb.AnalyzerResourceOptions();
  if (resource.parent) options.setParent(resource.parent);
  message.setOptions(options);
  return message;
}

function diagnosticsOf(response: InstanceType<typeof analyzerPb.AnalyzeResponse>): AnalysisResult {
  return {
    diagnostics: response.getDiagnosticsList().map((d) => ({
      policyName: d.getPolicyname(),
      policyPackName: d.getPolicypackname(),
      policyPackVersion: d.getPolicypackversion(),
      message: d.getMessage(),
      urn: d.getUrn(),
      enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? "advisory",
      severity: SEVERITIES[d.getSeverity()] ?? "",
    })),
    notApplicable: response.getNotApplicableList().map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
  };
}

export class EngineSession {
  readonly client: AnalyzerClient;

  constructor(client: AnalyzerClient) {
    this.client = client;
  }

  handshake(): Promise<unknown> {
    const request = new analyzerPb.AnalyzerHandshakeRequest();
    request.setEngineAddress("127.0.0.1:1");
    return call<unknown>((done) => this.client.handshake(request, done));
  }

  async configureStack(identity: StackIdentity): Promise<void> {
    const request = new analyzerPb.AnalyzerStackConfigureRequest();
    request.setStack(identity.stack).setProject(identity.project).setOrganization(identity.organization).setDryRun(identity.dryRun);
    for (const [key, value] of Object.entries(identity.config)) request.getConfigMap().set(key, value);
    await call<unknown>((done) => this.client.configureStack(request, done));
  }

  async getAnalyzerInfo(): Promise<{ name: string; version: string; supportsConfig: boolean; policies: PolicyInfo[] }> {
    const info = await call<Message<typeof analyzerPb.AnalyzerInfo>>((done) => this.client.getAnalyzerInfo(new emptyPb.Empty(), done));
    return {
      name: info.getName(),
      version: info.getVersion(),
      supportsConfig: info.getSupportsconfig(),
      policies: info.getPoliciesList().map((p) => {
        const schema = p.getConfigschema();
        return {
          name: p.getName(),
          description: p.getDescription(),
          enforcementLevel: LEVELS[p.getEnforcementlevel()] ?? "advisory",
          type: p.getPolicyType() === PolicyType.POLICY_TYPE_RESOURCE ? "resource" : p.getPolicyType() === PolicyType.POLICY_TYPE_STACK ? "stack" : "unknown",
          configSchema: schema ? { properties: fromStruct(schema.getProperties()), required: schema.getRequiredList() } : undefined,
        };
      }),
    };
  }

  async getPluginVersion(): Promise<string> {
    const info = await call<{ getVersion(): string }>((done) => this.client.getPluginInfo(new emptyPb.Empty(), done));
    return info.getVersion();
  }

  /**
   * Configure with what the CLI sends: every policy with its schema defaults and level, overridden by
   * `overrides` (a `--policy-pack-config` file's content; "all" sets every level).
   */
  async configure(policies: readonly PolicyInfo[], overrides: PolicyConfigInput = {}): Promise<void> {
    const request = new analyzerPb.ConfigureAnalyzerRequest();
    const all = entryOf(overrides.all).enforcementLevel;
    const names = new Set([...policies.map((p) => p.name), ...Object.keys(overrides).filter((name) => name !== "all")]);
    for (const name of names) {
      const policy = policies.find((p) => p.name === name);
      const defaults = Object.fromEntries(
        Object.entries(policy?.configSchema?.properties ?? {}).flatMap(([key, schema]) => ((schema as { default?: unknown }).default === undefined ? [] : [[key, (schema as { default: unknown }).default]])),
      );
      const { enforcementLevel, ...settings } = entryOf(overrides[name]);
      const level = enforcementLevel ?? all ?? policy?.enforcementLevel ?? "advisory";
      const config = new analyzerPb.PolicyConfig();
      config.setEnforcementlevel(LEVEL_CODES[level]);
      config.setProperties(toStruct({ ...defaults, ...settings }));
      request.getPolicyconfigMap().set(name, config);
    }
    await call<unknown>((done) => this.client.configure(request, done));
  }

  async analyze(resource: EngineResource): Promise<AnalysisResult> {
    const request = toResourceMessage(new analyzerPb.AnalyzeRequest(), resource);
    return diagnosticsOf(await call<Message<typeof analyzerPb.AnalyzeResponse>>((done) => this.client.analyze(request, done)));
  }

  async analyzeStack(resources: readonly EngineResource[]): Promise<AnalysisResult> {
    const request = new analyzerPb.AnalyzeStackRequest();
    request.setResourcesList(
      resources.map((resource) => {
        const message = toResourceMessage(new analyzerPb.AnalyzerResource(), resource);
        if (resource.parent) message.setParent(resource.parent);
        message.setDependenciesList(resource.dependencies ?? []);
        for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
          const dependencies = new analyzerPb.AnalyzerPropertyDependencies();
          dependencies.setUrnsList(urns);
          message.getPropertydependenciesMap().set(key, dependencies);
        }
        return message;
      }),
    );
    return diagnosticsOf(await call<Message<typeof analyzerPb.AnalyzeResponse>>((done) => this.client.analyzeStack(request, done)));
  }

  async remediate(resource: EngineResource): Promise<{ policyName: string; properties: Record<string, unknown> }[]> {
    const request = toResourceMessage(new analyzerPb.AnalyzeRequest(), resource);
    const response = await call<Message<typeof analyzerPb.RemediateResponse>>((done) => this.client.remediate(request, done));
    return response.getRemediationsList().map((r) => ({ policyName: r.getPolicyname(), properties: fromStruct(r.getProperties()) }));
  }
}
