import { readFile, readlink } from "node:fs/promises";

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

const nodeFs: ProcFs = {
  readFile: (path) => readFile(path),
  readlink: (path) => readlink(path),
};

export const resolveIdentityOptions = (options: IdentityOptions = {}): ResolvedIdentityOptions => ({
  procRoot: options.procRoot ?? "/proc",
  psPath: options.psPath ?? "/bin/ps",
  platform: options.platform ?? process.platform,
  fs: options.fs ?? nodeFs,
  psTimeoutMs: options.psTimeoutMs ?? 5_000,
});
