/**
 * The one description of every command: its flags, help, routing and MCP tool. The CLI
 * parser, `--help`, the bins' routing, the MCP input schemas and docs/reference.md are all
 * derived from it; each command's logic is its operation (see operations.ts).
 *
 * Adding a flag is adding a row to a command's `flags`; adding a command is adding an
 * entry here and its operation in operations.ts. Plain data: the bins' router loads it, so
 * it must stay free of zod and of any other import.
 */

/** How a flag's value is read. */
export type FlagKind =
  /** present or absent; `--flag=value` is a usage error */
  | "boolean"
  /** one value; the last one given wins */
  | "string"
  /** repeatable; each value is also split on commas outside `{…}` */
  | "list"
  /** a positive number of seconds */
  | "seconds"
  /** one of `values` */
  | "enum"
  /** CLI only: the prompt read from a file or `-` (stdin) instead of argv words */
  | "prompt-file";

export interface FlagSpec {
  kind: FlagKind;
  /** Placeholder for the value in usage lines (DIR, REF, GLOB…). */
  value?: string;
  /** The allowed values of an `enum` flag. */
  values?: readonly string[];
  help: string;
  required?: boolean;
  /** The snake_case MCP tool argument, or null: not exposed over MCP. */
  mcp: string | null;
  /** The MCP argument's default where it differs from the CLI's (run is backgrounded). */
  mcpDefault?: boolean | number;
}

/** Which bundle a bin loads for the command (the fast paths start from small ones). */
export type Bundle = "main" | "read" | "mcp";

export interface CommandSpec {
  usage: string;
  summary: string;
  /** More help text shown under the summary by `COMMAND --help`. */
  details?: string;
  flags: Readonly<Record<string, FlagSpec>>;
  /** Whether argv words (or --prompt-file) form a prompt; MCP's `prompt` argument. */
  prompt: null | { required: boolean; help: string };
  bundle: Bundle;
  /** Internal commands are left out of help and docs. */
  hidden?: boolean;
  /** The MCP tool for this command, or null: not a tool. */
  tool: null | { title: string; description: string };
}

const MODES = ["review", "adversarial-review", "custom-review", "rescue"] as const;
const SCOPES = ["working-tree", "staged", "head", "branch-diff", "custom"] as const;
const CONTAINMENTS = ["snapshot", "worktree", "none"] as const;
const AUTH_MODES = ["subscription", "api_key", "auto"] as const;

const MODE = {
  kind: "enum",
  value: "MODE",
  values: MODES,
  required: true,
  help: "what the job is: the review modes are read-only on a snapshot; rescue may write",
  mcp: "mode",
} as const satisfies FlagSpec;

const CWD = { kind: "string", value: "DIR", help: "source directory (default: the current directory)", mcp: "cwd" } as const satisfies FlagSpec;

const SCOPE_FLAGS = {
  mode: MODE,
  cwd: CWD,
  base: { kind: "string", value: "REF", help: "base ref for the branch-diff scope (default: the repo's default branch, else main)", mcp: "base" },
  paths: {
    kind: "list",
    value: "GLOB",
    help: 'custom-review file globs; repeatable, and commas outside braces separate globs ("src/*.{ts,tsx},README.md")',
    mcp: "paths",
  },
  scope: { kind: "enum", value: "S", values: SCOPES, help: "override the mode's scope", mcp: null },
  containment: { kind: "enum", value: "C", values: CONTAINMENTS, help: "override the mode's containment (reviews always use a snapshot)", mcp: null },
} as const satisfies Record<string, FlagSpec>;

const JOB_FLAGS = {
  background: {
    kind: "boolean",
    help: 'detach: print the "launched" document and return at once',
    mcp: "background",
    mcpDefault: true,
  },
  model: { kind: "string", value: "ID", help: "model id (default: COMPANION_<T>_MODEL, else the target's default)", mcp: "model" },
  timeout: { kind: "seconds", value: "SEC", help: "deadline for the target process (default per mode: 900, rescue 3600)", mcp: "timeout_s" },
  "auth-mode": { kind: "enum", value: "MODE", values: AUTH_MODES, help: "which credentials the target may use", mcp: "auth_mode" },
  "json-schema": { kind: "string", value: "FILE", help: "structured output schema (Claude, review modes)", mcp: null },
  "keep-snapshot": { kind: "boolean", help: "keep the review snapshot; its path is recorded", mcp: "keep_snapshot" },
  "prompt-file": { kind: "prompt-file", value: "FILE|-", help: "read the prompt from a file, or from stdin with -", mcp: null },
} as const satisfies Record<string, FlagSpec>;

const ISOLATION_FLAGS = {
  isolate: { kind: "boolean", help: "rescue only: work in a private git worktree of your current state; bring the changes home with `apply`", mcp: "isolate" },
  "with-ignored": {
    kind: "list",
    value: "GLOB",
    help: "with --isolate: copy matching ignored paths (node_modules, .venv) into the worktree, never secrets; repeatable",
    mcp: "with_ignored",
  },
} as const satisfies Record<string, FlagSpec>;

const jobFlag = (help: string) => ({ kind: "string", value: "ID", required: true, help, mcp: "job_id" }) as const satisfies FlagSpec;

export const GLOBAL_FLAGS = {
  "state-dir": { kind: "string", value: "DIR", help: "job store root (env COMPANION_STATE_DIR; default: the platform state dir)", mcp: null },
  human: { kind: "boolean", help: "readable text instead of JSON", mcp: null },
  help: { kind: "boolean", help: "this help (also -h)", mcp: null },
} as const satisfies Record<string, FlagSpec>;

const LOOP =
  "Jobs run in the background: launch with `run` (or `continue`), then call `wait` repeatedly (each call's timeout_s well under your tool-call timeout, typically 60 s) until the job is terminal, then read it with `result`.";

export const COMMANDS = {
  run: {
    usage: "run --mode MODE [flags] [--] PROMPT…",
    summary: "Start a job (foreground unless --background).",
    flags: { ...SCOPE_FLAGS, ...ISOLATION_FLAGS, ...JOB_FLAGS },
    prompt: { required: false, help: "what the target should do (rescue needs one; reviews may add a focus)" },
    bundle: "main",
    tool: {
      title: "Start a review or rescue job",
      description: [
        "Start a job of the target agent in the background and return its `launched` document (job_id).",
        LOOP,
        "Modes: `review`, `adversarial-review` and `custom-review` (with `paths` globs) are read-only: the target sees a snapshot of the selected files, never writes to your tree, and files that look like secrets are withheld.",
        "`rescue` works in the live tree and may write files: give it a prompt saying what to do.",
        "With `isolate: true` a rescue works in a private git worktree instead (the user's tree is untouched; `with_ignored` copies ignored paths such as node_modules in); its record's `changes` lists the files, and the `apply` tool brings them into the tree.",
        "`background: false` runs in the foreground and returns the final JobRecord (with progress notifications); use it only for short jobs.",
        "A job that ends failed or cancelled is an answer (its record says why), not a tool error.",
      ].join(" "),
    },
  },
  continue: {
    usage: "continue --job ID [flags] [--] PROMPT…",
    summary: "Follow up on a finished job, resuming its target session.",
    details: "The follow-up inherits the parent's mode, cwd and scope; --model and --auth-mode default to the parent's.",
    flags: { job: jobFlag("the finished job to follow up on"), ...JOB_FLAGS },
    prompt: { required: true, help: "the follow-up message" },
    bundle: "main",
    tool: {
      title: "Follow up on a finished job",
      description: `Ask a follow-up question to a finished job (any terminal status), resuming the target's session with its earlier context; same mode and scope as the parent. Returns the new job's \`launched\` document. ${LOOP}`,
    },
  },
  status: {
    usage: "status [--job ID] [--all] [--cwd DIR]",
    summary: "One record (from any cwd), or the jobs of a workspace (--all: every workspace).",
    flags: {
      job: { kind: "string", value: "ID", help: "the job to show", mcp: "job_id" },
      all: { kind: "boolean", help: "list the jobs of every workspace", mcp: "all" },
      cwd: { ...CWD, help: "list the jobs of this directory's workspace (default: the current directory)" },
    },
    prompt: null,
    bundle: "read",
    tool: {
      title: "Show a job or list jobs",
      description:
        "With job_id: that job's current JobRecord (status, progress with events, tool calls and the latest text), without waiting and without marking it collected. Without: the jobs of the workspace at cwd (all: every workspace). Answers at once, even while a `wait` is in flight.",
    },
  },
  result: {
    usage: "result --job ID",
    summary: "The terminal record of a job; marks it collected.",
    flags: { job: jobFlag("the job to collect") },
    prompt: null,
    bundle: "read",
    tool: {
      title: "Collect a finished job",
      description:
        "The final JobRecord of a terminal job (the answer in `result`, review findings, usage, mutations), marking it collected. A job that is still active is an error: `wait` for it first. A failed or cancelled job is returned as an answer.",
    },
  },
  wait: {
    usage: "wait --job ID [--timeout SEC]",
    summary: "Block until the job is terminal (exit 124 if --timeout elapses first); progress on stderr.",
    flags: {
      job: jobFlag("the job to wait for"),
      timeout: { kind: "seconds", value: "SEC", help: "give up after this long (default: no limit; MCP: 30)", mcp: "timeout_s", mcpDefault: 30 },
    },
    prompt: null,
    bundle: "main",
    tool: {
      title: "Wait for a job",
      description:
        "Wait up to timeout_s seconds (default 30) for a job to end. Returns its JobRecord when terminal; otherwise `{job_id, status, timed_out: true, progress}`, which is not an error: call `wait` again. Keep timeout_s below your tool-call timeout (typically 60 s). Sends progress notifications (elapsed, events, tool calls, latest text) when given a progress token. Then read the job with `result`.",
    },
  },
  cancel: {
    usage: "cancel --job ID [--force]",
    summary: "Stop a job safely: only a process whose identity is verified is signalled.",
    flags: { job: jobFlag("the job to stop"), force: { kind: "boolean", help: "SIGKILL instead of SIGTERM", mcp: "force" } },
    prompt: null,
    bundle: "main",
    tool: {
      title: "Cancel a job",
      description:
        "Stop a queued or running job, e.g. when the user changed their mind. Only a process whose identity is verified is signalled; the answer's `outcome` says what happened (signaled, cancel_pending, already_terminal, already_dead). Refusals (the process could not be proven to be the job's) are tool errors and signal nothing.",
    },
  },
  preflight: {
    usage: "preflight --mode MODE [scope flags]",
    summary: "Show exactly which files a review would send; spawns nothing, records nothing.",
    flags: SCOPE_FLAGS,
    prompt: null,
    bundle: "main",
    tool: {
      title: "Preview what a review sends",
      description:
        "List exactly which files (and bytes) a review in this mode would send to the target, and which are withheld; starts nothing and records nothing. Use it before a large review.",
    },
  },
  doctor: {
    usage: "doctor [--auth-mode MODE] [--no-probe]",
    summary: "Binary, version floor, CLI contract and auth readiness (a live, source-free probe unless --no-probe).",
    flags: {
      "auth-mode": { ...JOB_FLAGS["auth-mode"], mcp: null },
      "no-probe": { kind: "boolean", help: "skip the live auth probe", mcp: null },
    },
    prompt: null,
    bundle: "main",
    tool: {
      title: "Check the target installation",
      description:
        "Check the target CLI: binary, version floor, the flags read-only reviews rely on, and a live source-free auth probe. Use it when jobs fail with binary_not_found, not_authed or contract_changed.",
    },
  },
  prune: {
    usage: "prune [--dry-run]",
    summary: "Apply retention now.",
    details: "Removes terminal jobs older than COMPANION_TTL seconds (default 7 days) and the oldest beyond COMPANION_MAX_JOBS (default 500).",
    flags: { "dry-run": { kind: "boolean", help: "list what would be removed; remove nothing", mcp: null } },
    prompt: null,
    bundle: "main",
    tool: null,
  },
  apply: {
    usage: "apply --job ID [--dry-run]",
    summary: "Bring an isolated rescue's changes into your working tree as uncommitted edits.",
    details:
      "A three-way merge with your tree as it is now, keeping your own edits; nothing is staged or committed. On any conflict nothing changes (apply_conflict names the files); a job applies once.",
    flags: {
      job: jobFlag("the finished isolated rescue (run --mode rescue --isolate)"),
      "dry-run": { kind: "boolean", help: "list the files that would change; change nothing", mcp: "dry_run" },
    },
    prompt: null,
    bundle: "main",
    tool: {
      title: "Apply an isolated rescue's changes",
      description:
        "Bring the changes of a finished isolated rescue (`run` with `isolate: true`) into the user's working tree as uncommitted edits, merged three-way with whatever the user changed meanwhile. Returns `{ok, job_id, applied: [paths], dry_run}`. On any conflict nothing changes and the error `apply_conflict` names the files; `dry_run: true` reports without changing anything. A job applies once (`already_applied`); a job that did not run isolated is `not_applicable`.",
    },
  },
  __worker: {
    usage: "__worker --job ID",
    summary: "Internal: runs a background job.",
    flags: { job: { ...jobFlag("the job to run"), mcp: null } },
    prompt: null,
    bundle: "main",
    hidden: true,
    tool: null,
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;
export const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);
export const commandSpec = (name: CommandName): CommandSpec => COMMANDS[name];

/** The commands served by a bundle (e.g. the small read-only one). */
export type CommandsOf<B extends Bundle> = { [C in CommandName]: (typeof COMMANDS)[C]["bundle"] extends B ? C : never }[CommandName];

/** The enum values the table spells out, checked against the record schema by table.test.ts. */
export const ENUM_VALUES = { MODES, SCOPES, CONTAINMENTS, AUTH_MODES } as const;
