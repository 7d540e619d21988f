import type { TargetFacts } from "../adapter/adapter.js";
import type { CommandName } from "./args.js";

const GLOBAL = `Global flags:
  --state-dir DIR   job store root (env COMPANION_STATE_DIR; default: the platform state dir)
  --human           readable text instead of JSON
  -h, --help        this help`;

const RUN_FLAGS = `  --background            detach; print the "launched" envelope and return at once
  --model ID              model id (default: COMPANION_<T>_MODEL, else the target's default)
  --timeout SEC           deadline for the target process (default per mode: 900, rescue 3600)
  --auth-mode MODE        subscription | api_key | auto
  --json-schema FILE      structured output schema (Claude, review modes)
  --keep-snapshot         keep the review snapshot; its path is recorded
  --prompt-file FILE|-    read the prompt from a file or stdin
  --include-secret PATH   send this file although it looks like a secret (exact path; repeatable)`;

const SCOPE_FLAGS = `  --mode MODE             review | adversarial-review | custom-review | rescue
  --cwd DIR               source directory (default: the current directory)
  --base REF              base ref for branch-diff (default: the default branch, else main)
  --paths GLOB[,GLOB…]    custom-review globs (repeatable)
  --scope S               working-tree | staged | head | branch-diff | custom
  --containment C         snapshot | none (rescue only runs uncontained)`;

const USAGE: Record<CommandName, string> = {
  run: `run --mode MODE [flags] [--] PROMPT…\n  Start a job (foreground unless --background).\n${SCOPE_FLAGS}\n${RUN_FLAGS}`,
  continue: `continue --job ID [flags] [--] PROMPT…\n  Follow up on a finished job, resuming its target session.\n  --job ID\n${RUN_FLAGS}`,
  status: `status [--job ID] [--all] [--cwd DIR]\n  One record (from any cwd), or the jobs of a workspace (--all: every workspace).`,
  result: `result --job ID\n  The terminal record of a job; marks it collected.`,
  wait: `wait --job ID [--timeout SEC]\n  Block until the job is terminal (exit 124 if --timeout elapses first); progress on stderr.`,
  cancel: `cancel --job ID [--force]\n  Stop a job safely: only a process whose identity is verified is signalled.\n  --force   SIGKILL instead of SIGTERM`,
  preflight: `preflight --mode MODE [scope flags]\n  Show exactly which files a review would send (with sha256) and which are withheld as secrets; spawns nothing, records nothing.\n${SCOPE_FLAGS}\n  --include-secret PATH   count this file as sent although it looks like a secret (repeatable)`,
  doctor: `doctor [--auth-mode MODE] [--no-probe]\n  Binary, version floor, CLI contract and auth readiness (a live, source-free probe unless --no-probe).`,
  prune: `prune [--dry-run]\n  Apply retention now (COMPANION_TTL seconds, default 7 days; COMPANION_MAX_JOBS, default 500).`,
  __worker: `__worker --job ID\n  Internal: runs a background job.`,
};

export function commandHelp(adapter: TargetFacts, command: CommandName): string {
  return `Usage: companion-${adapter.name} ${USAGE[command]}\n\n${GLOBAL}\n`;
}

export function mainHelp(adapter: TargetFacts, version: string): string {
  const names = (Object.keys(USAGE) as CommandName[]).filter((name) => !name.startsWith("__"));
  return `companion-${adapter.name} ${version}: run ${adapter.displayName} as foreground or background jobs with durable records.

Usage: companion-${adapter.name} COMMAND [flags]

Commands:
${names.map((name) => `  ${USAGE[name].split("\n")[0]}`).join("\n")}

${GLOBAL}
  --version         print the version

Environment: ${adapter.binaryEnvVar} (target executable), COMPANION_${adapter.name.toUpperCase()}_MODEL, COMPANION_STATE_DIR.
Every command prints one JSON document on stdout; see \`COMMAND --help\`.
`;
}
