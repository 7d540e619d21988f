import { readFileSync, readlinkSync } from "node:fs";

/** The file reads identity needs from procfs; injectable so tests can produce EACCES & co. */
export interface ProcFs {
  readFile(path: string): Promise<Buffer>;
  readlink(path: string): Promise<string>;
}

export interface IdentityOptions {
  /** Where procfs is mounted (Linux). */
  procRoot?: string;
  /** Absolute path of ps (macOS). Never resolved from PATH: a PATH ps could lie about identity. */
  psPath?: string;
  platform?: NodeJS.Platform;
  fs?: ProcFs;
  /** Upper bound for one ps call. */
  psTimeoutMs?: number;
}

export type ResolvedIdentityOptions = Required<IdentityOptions>;

// Synchronous underneath: procfs answers from kernel memory, and `node:fs/promises` is a
// visible share of a background launch, which captures its worker's identity (SPEC §10).
const nodeFs: ProcFs = {
  readFile: async (path) => readFileSync(path),
  readlink: async (path) => readlinkSync(path),
};

export const resolveIdentityOptions = (options: IdentityOptions = {}): ResolvedIdentityOptions => ({
  procRoot: options.procRoot ?? "/proc",
  psPath: options.psPath ?? "/bin/ps",
  platform: options.platform ?? process.platform,
  fs: options.fs ?? nodeFs,
  psTimeoutMs: options.psTimeoutMs ?? 5_000,
});
