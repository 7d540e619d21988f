// The least a contained review of a dirty git working tree has to do, as a bare script run by
// `pnpm bench` beside the real review: what of the 2× bar (SPEC §10) is left on this machine
// once node has started and the unavoidable processes have run. No checks, no parsing beyond
// what the next step needs, no schemas, no bundle.
//
//   node review-floor.cjs TARGET ARG…   (in the repository; TARGET ARG… as called directly)
//
// The steps, in the order their inputs allow: the queued record (durable), the file list and
// the clean-filter drivers (status must neutralise them), the status (changes and mutation
// baseline), HEAD's side of the changed files, the snapshot copy, the target exactly as called
// directly, the status after it (mutation check), the final record (durable), cleanup.
"use strict";
const { spawn } = require("node:child_process");
const { closeSync, copyFileSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { dirname, join } = require("node:path");

function run(file, args, input = "") {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ["pipe", "pipe", "ignore"] });
    const chunks = [];
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.stdin.on("error", () => undefined);
    child.stdin.end(input);
    child.once("error", reject);
    child.once("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

const git = (args, input) => run("git", ["--no-pager", "-c", "core.fsmonitor=false", ...args], input);

function writeDurably(path, text) {
  const fd = openSync(`${path}.tmp`, "w", 0o600);
  writeSync(fd, text);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
}

async function main() {
  const [target, ...targetArgs] = process.argv.slice(2);
  const state = mkdtempSync(join(tmpdir(), "review-floor-"));
  const record = join(state, "record.json");
  writeDurably(record, JSON.stringify({ status: "queued", padding: "x".repeat(1500) }));
  const [listing] = await Promise.all([git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"]), git(["config", "-z", "--name-only", "--get-regexp", "^filter\\."])]);
  const status = await git(["status", "--porcelain=v2", "-z", "--untracked-files=all"]);
  // Ordinary changed entries: "1 XY sub mH mI mW hH hI path".
  const changed = status.split("\0").filter((entry) => entry.startsWith("1 ")).map((entry) => entry.split(" ").slice(8).join(" "));
  await git(["cat-file", "--batch"], changed.map((path) => `HEAD:${path}\n`).join(""));
  const snapshot = join(state, "snapshot");
  for (const path of listing.split("\0").filter(Boolean)) {
    mkdirSync(dirname(join(snapshot, path)), { recursive: true });
    copyFileSync(path, join(snapshot, path));
  }
  const answer = await run(target, targetArgs);
  await git(["status", "--porcelain=v2", "-z", "--untracked-files=all"]);
  writeDurably(record, JSON.stringify({ status: "completed", answer, padding: "x".repeat(1500) }));
  rmSync(state, { recursive: true, force: true });
  process.stdout.write(`${answer.length}\n`);
}

void main();
