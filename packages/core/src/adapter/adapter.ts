import type {
  AuthMode,
  ErrorCode,
  Mode,
  PermissionDenial,
  TargetName,
  Usage,
} from "../record/schema.js";
import type { ModeProfile } from "../profiles/profiles.js";

/**
 * What core needs to know about a target without reading its output: names, where the
 * executable is, auth variables, model defaults, the CLI contract. Plain data, cheap to
 * load, so commands that never start the target (status, result, wait, cancel) stay fast.
 */
export interface TargetFacts {
  readonly name: TargetName;
  /** Human name for messages, e.g. "Claude Code". */
  readonly displayName: string;
  /** Executable looked up on PATH when the override variable is unset. */
  readonly defaultBinary: string;
  /** Environment variable that points at another executable, e.g. CLAUDE_BINARY. */
  readonly binaryEnvVar: string;
  readonly defaultAuthMode: AuthMode;
  readonly auth: AuthFacts;
  /** Model used when neither --model nor COMPANION_<T>_MODEL is given; null = target default. */
  defaultModel(mode: Mode): string | null;
  /** Whether the target supports --json-schema structured output. */
  readonly supportsJsonSchema: boolean;
  /** The largest prompt the target takes whole on stdin (larger ones fail or are cut). */
  readonly promptLimit: PromptLimit;
  /**
   * Whether the cost the parser reports is the session's running total on a resumed session
   * (tokens being the run's own): core then records the difference against the parent chain.
   */
  readonly reportsSessionCost: boolean;
  readonly contract: ContractFacts;
}

/**
 * A TargetAdapter adds how to call the target and how to read what it prints. It holds only
 * target facts; every command is written once in core. All members are pure; core performs
 * the effects.
 */
export interface TargetAdapter extends TargetFacts {
  buildInvocation(request: InvocationRequest): Invocation;
  /** One parser per target process; fed stdout line by line. */
  createParser(): TargetParser;
}

/** How a target measures stdin: UTF-8 bytes, or UTF-16 code units (a JS string's length). */
export interface PromptLimit {
  readonly max: number;
  readonly unit: "bytes" | "utf16_units";
}

export interface AuthFacts {
  /** Variables that hold the target's own credential (any one present satisfies api_key). */
  readonly keyVars: readonly string[];
  /** Variables that select the endpoint/provider; pass through with the key. */
  readonly endpointVars: readonly string[];
  /** Prefixes of variables removed in subscription mode (provider credentials, endpoints). */
  readonly scrubPrefixes: readonly string[];
  /** Exact names removed in subscription mode (other vendors' keys, Vertex variables…). */
  readonly scrubNames: readonly string[];
}

export interface InvocationRequest {
  readonly profile: ModeProfile;
  /** The complete prompt, already composed (review material included). */
  readonly prompt: string;
  readonly model: string | null;
  /** Target session id to resume (continue); null for a fresh session. */
  readonly resumeSessionId: string | null;
  /** Directory the target may read (the review snapshot); null when uncontained. */
  readonly readableDir: string | null;
  /** JSON schema text for structured output, if requested (targets that support it). */
  readonly jsonSchema: string | null;
  /** The cwd core chose for the target process. */
  readonly cwd: string;
  /** A private 0700 directory the adapter may place helper files in (see Invocation.files). */
  readonly privateDir: string;
}

export interface Invocation {
  /** Arguments after the executable. The prompt never appears here; it goes on stdin. */
  readonly args: readonly string[];
  /** Sent on stdin, which is then closed. */
  readonly stdin: string;
  /** Extra environment for the target (applied after auth scrubbing). */
  readonly env: Readonly<Record<string, string>>;
  /** Files core writes (0600) before spawning, e.g. a read-only policy. Paths are absolute. */
  readonly files: readonly { readonly path: string; readonly content: string }[];
}

/** What one stdout line meant, for progress reporting and log redaction. */
export interface LineInfo {
  /** False when the line must not be kept in the on-disk log (e.g. it echoes the prompt). */
  readonly keepInLog: boolean;
  /** True when the line was a recognised target event (counts toward progress.events). */
  readonly event: boolean;
  readonly toolCall: boolean;
  /** Latest assistant text, if the line carried some. */
  readonly text: string | null;
  /** Target session id, as soon as the target reports it. */
  readonly sessionId: string | null;
}

export interface ProcessExit {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stderr: string;
}

export interface TargetParser {
  push(line: string): LineInfo;
  finish(exit: ProcessExit): TargetOutcome;
}

export interface ClassifiedError {
  readonly error_code: ErrorCode;
  /** One readable sentence; never raw billing text. */
  readonly message: string;
  readonly suggested_action: string;
}

interface OutcomeCommon {
  readonly session_id: string | null;
  readonly usage: Usage;
  readonly cost_usd: number | null;
  readonly cost_source: "reported" | "estimated" | null;
  readonly permission_denials: readonly PermissionDenial[];
}

export type TargetOutcome =
  | (OutcomeCommon & {
      readonly outcome: "completed";
      readonly result: string;
      readonly structured_output: unknown;
    })
  | (OutcomeCommon & {
      readonly outcome: "failed";
      readonly error: ClassifiedError;
      /** Whatever answer text was produced before the failure. */
      readonly result: string | null;
    });

/** What `doctor` and the pre-review contract check need to know. */
export interface ContractFacts {
  readonly versionArgs: readonly string[];
  /** Extracts "X.Y.Z" from the version output; null if unrecognisable. */
  parseVersion(stdout: string): string | null;
  /** Oldest version known to honour the flags below. */
  readonly versionFloor: string;
  readonly helpArgs: readonly string[];
  /** Flags that must appear in --help; read-only enforcement depends on them. */
  readonly requiredFlags: readonly string[];
}
