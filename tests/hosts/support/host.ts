/**
 * A real host agent (Claude Code, Gemini CLI, Codex) in a private HOME whose PATH finds
 * our bins, as `npm install -g` would put them there; its model is the scripted server.
 */
import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createHostSandbox, type Host, type HostSandbox, type Target } from "@agent-companion/real-cli";
import { execa } from "execa";
import { binOf, TARGETS } from "../../support/companion.js";

export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export interface HostRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class HostAgent {
  private constructor(
    readonly sandbox: HostSandbox,
    private readonly binDir: string,
  ) {}

  /** `inner`: the target our bin drives, configured for the same scripted server. */
  static async create(host: Host, serverUrl: string, inner?: Target, env: Record<string, string> = {}): Promise<HostAgent> {
    const binDir = await mkdtemp(join(tmpdir(), "companion-path-"));
    for (const target of TARGETS) await symlink(binOf(target), join(binDir, `companion-${target}`));
    const sandbox = await createHostSandbox(host, serverUrl, { pathDirs: [binDir], ...(inner ? { inner } : {}) });
    Object.assign(sandbox.env, { COMPANION_STATE_DIR: join(sandbox.home, "companion-state"), ...env });
    return new HostAgent(sandbox, binDir);
  }

  get env(): Readonly<Record<string, string>> {
    return this.sandbox.env;
  }

  async run(args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<HostRun> {
    const result = await execa(this.sandbox.command, [...this.sandbox.commandArgs, ...args], {
      cwd: options.cwd ?? this.sandbox.home,
      env: this.sandbox.env,
      extendEnv: false,
      reject: false,
      stdin: "ignore",
      timeout: options.timeoutMs ?? 120_000,
      forceKillAfterDelay: 2_000,
    });
    return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
  }

  /** Runs a command that must succeed; its output is in the failure message. */
  async must(args: readonly string[], options: { cwd?: string } = {}): Promise<HostRun> {
    const run = await this.run(args, options);
    if (run.exitCode !== 0) throw new Error(`${this.sandbox.host} ${args.join(" ")}: exit ${run.exitCode}\n${run.stdout}\n${run.stderr}`);
    return run;
  }

  async cleanup(): Promise<void> {
    await this.sandbox.cleanup();
    await rm(this.binDir, { recursive: true, force: true });
  }
}
