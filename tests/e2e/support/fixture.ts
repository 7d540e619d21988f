import { rm } from "node:fs/promises";
import { createModelServer, type ModelServer } from "@agent-companion/model-server";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { Target } from "../../support/companion.js";
import { sampleRepo } from "../../support/git-repo.js";
import { RealCompanion } from "./real-companion.js";

export interface RealCompanionContext {
  /** The scripted model server of this describe block; its log is cleared before each test. */
  server: ModelServer;
  /** A fresh sandboxed companion driving the real CLI, per test. */
  companion: RealCompanion;
  /** A fresh sample repository, per test. */
  repo: string;
}

/** Registers the hooks every real-CLI test needs and returns their current values. */
export function useRealCompanion(target: Target): RealCompanionContext {
  const context = {} as RealCompanionContext;
  beforeAll(async () => {
    context.server = await createModelServer();
  });
  afterAll(() => context.server.close());
  beforeEach(async () => {
    context.server.clearLog();
    context.companion = await RealCompanion.create(target, context.server);
    context.repo = await sampleRepo();
  });
  afterEach(async () => {
    await context.companion.cleanup();
    await rm(context.repo, { recursive: true, force: true });
  });
  return context;
}
