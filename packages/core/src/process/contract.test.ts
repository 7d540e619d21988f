import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ContractFacts } from "../adapter/adapter.js";
import { ensureContract, probeContract } from "./contract.js";

let dir: string;
let binary: string;
let probes: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "contract-"));
  binary = join(dir, "target");
  probes = join(dir, "probes.log");
  // A stand-in CLI that knows --old and --new, and logs every probe.
  await writeFile(
    binary,
    `#!/bin/sh\necho "$1" >> "${probes}"\nif [ "$1" = "--version" ]; then echo "2.1.7 (Stand-in)"; else printf 'Usage: target [options]\\n  --old  x\\n  --new  y\\n'; fi\n`,
  );
  await chmod(binary, 0o755);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const target = (contract: Partial<ContractFacts>) => ({
  name: "claude" as const,
  displayName: "Stand-in",
  contract: {
    versionArgs: ["--version"],
    helpArgs: ["--help"],
    parseVersion: (stdout: string) => /\d+\.\d+\.\d+/.exec(stdout)?.[0] ?? null,
    versionFloor: "2.0.0",
    requiredFlags: ["--old"],
    ...contract,
  },
});
const env = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
const probeCount = async (): Promise<number> => (await readFile(probes, "utf8").catch(() => "")).split("\n").filter((line) => line === "--help").length;

describe("ensureContract", { timeout: 60_000 }, () => {
  it("answers from the cache while nothing it depends on changed", async () => {
    const cache = { cacheDir: dir, companionVersion: "1.0.0" };
    await ensureContract(target({}), binary, env, cache);
    await ensureContract(target({}), binary, env, cache);
    expect(await probeCount()).toBe(1);
  });

  it("a newly required flag is checked, not answered from a cached pass (fails closed)", async () => {
    const cache = { cacheDir: dir, companionVersion: "1.0.0" };
    await ensureContract(target({}), binary, env, cache);
    const upgraded = target({ requiredFlags: ["--old", "--gone"] });
    await expect(ensureContract(upgraded, binary, env, cache)).rejects.toMatchObject({ code: "contract_changed", message: expect.stringContaining("--gone") as unknown });
    expect(await probeCount()).toBe(2);
  });

  it("a binary replaced in place is probed again, and its lost flag refused", async () => {
    const cache = { cacheDir: dir, companionVersion: "1.0.0" };
    await ensureContract(target({}), binary, env, cache);
    const original = await readFile(binary, "utf8");
    await writeFile(binary, original.replace("--old  x", "--older x"));
    await expect(ensureContract(target({}), binary, env, cache)).rejects.toMatchObject({ code: "contract_changed", message: expect.stringContaining("--old") as unknown });
    expect(await probeCount()).toBe(2);
  });

  it("a new companion version probes again", async () => {
    await ensureContract(target({}), binary, env, { cacheDir: dir, companionVersion: "1.0.0" });
    await ensureContract(target({}), binary, env, { cacheDir: dir, companionVersion: "1.1.0" });
    expect(await probeCount()).toBe(2);
  });
});

describe("probeContract", { timeout: 60_000 }, () => {
  it("compares versions numerically, not as text", async () => {
    expect(await probeContract(target({ versionFloor: "2.1.10" }), binary, env)).toMatchObject({ version: "2.1.7", version_ok: false });
    expect(await probeContract(target({ versionFloor: "2.1.7" }), binary, env)).toMatchObject({ version_ok: true });
    expect(await probeContract(target({ versionFloor: "2.0.0" }), binary, env)).toMatchObject({ version_ok: true, missing_flags: [] });
  });

  it("lists required flags the help does not mention", async () => {
    expect(await probeContract(target({ requiredFlags: ["--old", "--ol", "--gone"] }), binary, env)).toMatchObject({ missing_flags: ["--ol", "--gone"] });
  });
});
