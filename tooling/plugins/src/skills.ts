/** The skills every host with skills gets (Codex, Claude Code), written once. */
import { jobLoop, missingBin, rescueRules, reviewRules } from "./guide.js";
import type { TargetSource } from "./targets.js";

export interface SkillSource {
  readonly name: string;
  readonly description: string;
  readonly body: string;
}

export function skillsFor(t: TargetSource): readonly SkillSource[] {
  return [
    {
      name: `${t.target}-review`,
      description:
        `Get a read-only second-opinion code review from ${t.product} through the ${t.bin} MCP tools: ` +
        `uncommitted changes, a branch against its base, or chosen files. Use when the user asks ${t.product} ` +
        `to review, check or challenge code.`,
      body: [`# Review with ${t.product}`, missingBin(t), jobLoop(t), reviewRules(t)].join("\n\n"),
    },
    {
      name: `${t.target}-rescue`,
      description:
        `Hand a task (a failing test, a bug, a refactor) to ${t.product} as a background job through the ${t.bin} ` +
        `MCP tools, follow it, continue it, cancel it, and collect its result. Use when the user wants ` +
        `${t.product} to do work or to take over a stuck task.`,
      body: [`# Hand a task to ${t.product}`, missingBin(t), jobLoop(t), rescueRules(t)].join("\n\n"),
    },
  ];
}
