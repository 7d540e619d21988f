/**
 * SPEC §3.3: `npm pack` in each app gives a tarball that `npm install -g` turns into a
 * working bin with only Node: no dependencies, no workspace wiring, no source maps or
 * sources, a README and a LICENSE. Installed offline into a private prefix, then run.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mockBinOf, binaryEnvVar, TARGETS, type Target } from "../support/companion.js";
import { sampleRepo } from "../support/git-repo.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const appDir = (target: Target): string => join(root, "apps", `companion-${target}`);

let work: string;
let prefix: string;
const tarballs = new Map<Target, string>();

/** Only what npm needs: a private cache and config, so nothing of the developer's leaks in. */
const npmEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: work,
  npm_config_cache: join(work, "npm-cache"),
  npm_config_userconfig: join(work, "npmrc"),
  npm_config_update_notifier: "false",
});

async function pack(target: Target): Promise<string> {
  const { stdout } = await execa("npm", ["pack", "--json", "--pack-destination", work], { cwd: appDir(target), env: npmEnv(), extendEnv: false });
  const [info] = JSON.parse(stdout) as { filename: string }[];
  return join(work, info?.filename ?? "");
}

const listing = async (tarball: string): Promise<string[]> => (await execa("tar", ["-tzf", tarball])).stdout.split("\n").filter(Boolean);
const packedFile = async (tarball: string, path: string): Promise<string> => (await execa("tar", ["-xzOf", tarball, `package/${path}`])).stdout;

/** The installed bin, run the way a user's shell would: through its shebang, from PATH. */
function installed(target: Target, args: string[], env: Record<string, string> = {}, stdin: "ignore" | "pipe" = "ignore") {
  return execa(`companion-${target}`, args, {
    cwd: work,
    env: { PATH: `${join(prefix, "bin")}:${dirname(process.execPath)}:/usr/bin:/bin`, HOME: work, COMPANION_STATE_DIR: join(work, "state"), ...env },
    extendEnv: false,
    reject: false,
    stdin,
    timeout: 60_000,
  });
}

/**
 * Starts the installed bin's MCP server, sends the handshake and one request as raw JSON-RPC
 * lines, and returns that request's result: every stdout line must be a protocol message.
 */
async function mcpRequest(target: Target, method: string, params: Record<string, unknown> = {}, env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const server = installed(target, ["mcp"], env, "pipe");
  const messages = [
    { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "packaging-test", version: "0" } } },
    { jsonrpc: "2.0", method: "notifications/initialized" },
    { jsonrpc: "2.0", id: 2, method, params },
  ];
  server.stdin?.write(messages.map((m) => `${JSON.stringify(m)}\n`).join(""));
  try {
    for await (const line of createInterface({ input: server.stdout! })) {
      const message = JSON.parse(line) as { id?: number; result?: Record<string, unknown> };
      if (message.id === 2) return message.result ?? {};
    }
    throw new Error(`the MCP server closed stdout before answering ${method}`);
  } finally {
    server.kill();
    await server;
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "companion-packaging-"));
  prefix = join(work, "prefix");
  for (const target of TARGETS) tarballs.set(target, await pack(target));
  await execa("npm", ["install", "-g", "--prefix", prefix, "--offline", "--no-audit", "--no-fund", ...tarballs.values()], { env: npmEnv(), extendEnv: false });
}, 180_000);

afterAll(() => rm(work, { recursive: true, force: true }));

describe.each(TARGETS)("companion-%s from npm", (target) => {
  it("packs bundled JavaScript, README and LICENSE only", async () => {
    const files = await listing(tarballs.get(target) ?? "");
    expect(files).toContain("package/README.md");
    expect(files).toContain("package/LICENSE");
    expect(files).toContain(`package/bin/companion-${target}.cjs`);
    expect(files).toContain("package/dist/main.cjs");
    for (const file of files) expect(file).toMatch(/^package\/(README\.md|LICENSE|package\.json|bin\/[\w-]+\.cjs|dist\/[\w-]+\.cjs)$/);
  });

  it("declares no dependencies and no workspace wiring, and carries the publishing facts", async () => {
    const text = await packedFile(tarballs.get(target) ?? "", "package.json");
    expect(text).not.toContain("workspace:");
    const manifest = JSON.parse(text) as Record<string, unknown>;
    expect(manifest).not.toHaveProperty("dependencies");
    expect(manifest).not.toHaveProperty("devDependencies");
    expect(manifest).toMatchObject({ name: `companion-${target}`, license: "MIT", engines: { node: ">=20.19" }, bin: { [`companion-${target}`]: `./bin/companion-${target}.cjs` } });
    expect(manifest["repository"]).toMatchObject({ type: "git", directory: `apps/companion-${target}` });
    expect((manifest["keywords"] as string[]).length).toBeGreaterThan(0);
    // The app's own package.json is back as it was once packing is over.
    expect(await readFile(join(appDir(target), "package.json"), "utf8")).toContain("devDependencies");
  });

  it("installs a bin that prints the repository's version", async () => {
    const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };
    const run = await installed(target, ["--version"]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain(version);
  });

  it("serves MCP over stdio with the operations as tools", async () => {
    const { tools } = (await mcpRequest(target, "tools/list")) as { tools: { name: string }[] };
    expect(tools.map((tool) => tool.name).sort()).toEqual(["apply", "cancel", "continue", "doctor", "preflight", "result", "run", "status", "wait"]);
  });

  // The MCP server keeps execa and the SDK's JSON Schema validator (ajv) out of its start and
  // loads them from chunks of their own: the package must hold them, working, on their own.
  it("runs a tool that starts the target over MCP (execa loads on first use)", async () => {
    const answer = await mcpRequest(target, "tools/call", { name: "doctor", arguments: {} }, { [binaryEnvVar(target)]: mockBinOf(target) });
    expect(answer.isError, JSON.stringify(answer)).toBeUndefined();
    expect(answer.structuredContent).toMatchObject({ ok: true, target, contract: { version_ok: true } });
  });

  it("holds the validator the MCP server loads on first use to check elicitation answers", async () => {
    const chunk = join(prefix, "lib", "node_modules", `companion-${target}`, "dist", "ajv.cjs");
    const script = `const v = new (require(process.argv[1]).AjvJsonSchemaValidator)().getValidator({ type: "object", properties: { n: { type: "number" } }, required: ["n"] });
      console.log(JSON.stringify([v({ n: 1 }).valid, v({ n: "one" }).valid]));`;
    const run = await execa(process.execPath, ["-e", script, chunk], { cwd: work, env: { PATH: "/usr/bin:/bin" }, extendEnv: false, reject: false });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([true, false]);
  });

  it("runs doctor against a stand-in target CLI", async () => {
    const run = await installed(target, ["doctor"], { [binaryEnvVar(target)]: mockBinOf(target) });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, target, contract: { version_ok: true } });
  });

  it("runs a review to a completed JobRecord, then reads it back with the read-only bundle", async () => {
    const repo = await sampleRepo();
    try {
      const env = { [binaryEnvVar(target)]: mockBinOf(target) };
      const run = await installed(target, ["run", "--mode", "review", "--cwd", repo, "--", "check it"], env);
      expect(run.exitCode, run.stderr).toBe(0);
      const record = JSON.parse(run.stdout) as { job_id: string };
      expect(record).toMatchObject({ status: "completed", target, mode: "review", mutations: [] });
      const status = await installed(target, ["status", "--job", record.job_id], env);
      expect(JSON.parse(status.stdout)).toMatchObject({ job_id: record.job_id, status: "completed" });
      // Collecting writes under the job's lock: the read-only bundle loads those libraries on demand.
      const result = await installed(target, ["result", "--job", record.job_id], env);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ job_id: record.job_id, collected_at: expect.any(String) });
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });

  it("launches in the background with the launch bundle, and reads a record the exact check refuses through the schemas bundle from read and main", async () => {
    const env = { [binaryEnvVar(target)]: mockBinOf(target) };
    const launched = await installed(target, ["run", "--background", "--mode", "rescue", "--cwd", work, "--", "fix it"], env);
    expect(launched.exitCode, launched.stderr).toBe(0);
    const { job_id } = JSON.parse(launched.stdout) as { job_id: string };
    const waited = await installed(target, ["wait", "--job", job_id, "--timeout", "50"], env);
    expect(JSON.parse(waited.stdout)).toMatchObject({ job_id, status: "completed" });
    const recordPath = join(work, "state", target, "jobs", job_id, "record.json");
    const record = JSON.parse(await readFile(recordPath, "utf8")) as Record<string, unknown>;
    await writeFile(recordPath, JSON.stringify({ ...record, status: "paused" }));
    const status = await installed(target, ["status", "--job", job_id], env);
    expect(status.exitCode).toBe(1);
    expect(JSON.parse(status.stdout)).toMatchObject({ ok: false, error: "corrupt_record", message: expect.stringContaining("status") });
    // `wait` is served by the main bundle, which loads the schemas from beside it as well.
    const waitedOnRefused = await installed(target, ["wait", "--job", job_id, "--timeout", "5"], env);
    expect(waitedOnRefused.exitCode).toBe(1);
    expect(JSON.parse(waitedOnRefused.stdout)).toMatchObject({ ok: false, error: "corrupt_record", message: expect.stringContaining("status") });
  });
});
