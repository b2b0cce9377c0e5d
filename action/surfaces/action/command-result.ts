/** What an Action command returns for main.ts to set: its outputs, the step summary, and a failure to report after both. */
export interface CommandResult {
  outputs: Map<string, string>;
  summary: string | undefined;
  failure: Error | undefined;
}
