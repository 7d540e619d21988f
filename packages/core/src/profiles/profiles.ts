import type { Containment, Mode, Scope } from "../record/schema.js";

/**
 * Every mode default lives in this table; nothing else in the codebase branches on the
 * mode name. Adding a mode is adding a row (and its prompt template).
 */
export interface ModeProfile {
  readonly mode: Mode;
  readonly access: "read-only" | "write";
  readonly scope: Scope;
  readonly containment: Containment;
  /** Keep the user's project instructions (CLAUDE.md, GEMINI.md, settings) out of context. */
  readonly stripProjectContext: boolean;
  readonly defaultTimeoutS: number;
  readonly structuredOutputAllowed: boolean;
  readonly detectMutations: boolean;
}

const MINUTE = 60;

const reviewBase = {
  access: "read-only",
  containment: "snapshot",
  stripProjectContext: true,
  defaultTimeoutS: 15 * MINUTE,
  structuredOutputAllowed: true,
  detectMutations: true,
} as const;

export const MODE_PROFILES: Readonly<Record<Mode, ModeProfile>> = {
  review: { ...reviewBase, mode: "review", scope: "working-tree" },
  "adversarial-review": { ...reviewBase, mode: "adversarial-review", scope: "branch-diff" },
  "custom-review": { ...reviewBase, mode: "custom-review", scope: "custom" },
  rescue: {
    mode: "rescue",
    access: "write",
    scope: "working-tree",
    containment: "none",
    stripProjectContext: false,
    defaultTimeoutS: 60 * MINUTE,
    structuredOutputAllowed: false,
    detectMutations: false,
  },
};

export const profileFor = (mode: Mode): ModeProfile => MODE_PROFILES[mode];
