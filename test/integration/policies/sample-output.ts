/** The README's sample: what `pulumi preview --policy-pack policies` reports for the known-bad stack. */
import type { Diagnostic, EngineSession } from "../../helpers/policy-engine.ts";
import { renderPolicies } from "../../helpers/policy-display.ts";
import { urnOf } from "../../helpers/policy-wire.ts";
import { BAD_STACK } from "./fixtures.ts";

/** Analyze every resource (the engine sets the resource's URN on its diagnostics), then AnalyzeStack. */
export async function previewDiagnostics(engine: EngineSession): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  for (const resource of BAD_STACK) {
    const urn = resource.urn ?? urnOf(resource.type, resource.name);
    diagnostics.push(...(await engine.analyze(resource)).diagnostics.map((d) => ({ ...d, urn: d.urn || urn })));
  }
  diagnostics.push(...(await engine.analyzeStack(BAD_STACK)).diagnostics);
  return diagnostics;
}

export async function renderSample(engine: EngineSession): Promise<string> {
  return renderPolicies(await previewDiagnostics(engine), "policies");
}
