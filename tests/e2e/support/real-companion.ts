/**
 * Our bins driving the real CLIs: a Harness (private state dir) whose environment is a
 * real-CLI sandbox pointed at the scripted model server.
 */
import { createSandbox } from "@agent-companion/real-cli";
import type { CliSandbox } from "@agent-companion/real-cli";
import type { ModelServer } from "@agent-companion/model-server";
import { Harness, type CompanionRun, type Target } from "../../support/companion.js";
import { factsOf } from "./targets.js";

export class RealCompanion {
  private constructor(
    readonly harness: Harness,
    readonly sandbox: CliSandbox,
  ) {}

  static async create(target: Target, server: ModelServer): Promise<RealCompanion> {
    const sandbox = await createSandbox(target, server.url);
    const harness = await Harness.create(target, { ...sandbox.companionEnv });
    return new RealCompanion(harness, sandbox);
  }

  get target(): Target {
    return this.harness.target;
  }

  /** `run` with the auth flags the sandbox needs; `args` go before the `--` and prompt. */
  run(mode: string, cwd: string, args: readonly string[], prompt: string, env?: Record<string, string>): Promise<CompanionRun> {
    const argv = ["run", "--mode", mode, "--cwd", cwd, ...factsOf(this.target).authArgs, ...args, "--", prompt];
    return this.harness.run(argv, { env, timeoutMs: 110_000 });
  }

  continue(jobId: string, prompt: string): Promise<CompanionRun> {
    return this.harness.run(["continue", "--job", jobId, ...factsOf(this.target).authArgs, "--", prompt], { timeoutMs: 110_000 });
  }

  command(...args: string[]): Promise<CompanionRun> {
    return this.harness.run(args, { timeoutMs: 110_000 });
  }

  async cleanup(): Promise<void> {
    await this.harness.cleanup();
    await this.sandbox.cleanup();
  }
}

