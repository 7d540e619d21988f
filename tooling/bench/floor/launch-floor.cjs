// The least a background launch has to do, as a bare script run by `pnpm bench` beside the
// real `run --background`: what of the 1.6× bar (SPEC §10) is left on this machine once node
// has started and the unavoidable work is done. No checks, no arguments, no bundle.
//
//   node launch-floor.cjs STATE_DIR   (prints the worker's pid)
//
// The steps, as the launcher takes them: a worker (node) started detached, waiting for its
// input on a stdin pipe, so the input never touches disk; the queued record written durably
// (fsync, rename) once the worker exists; the input handed over; the launcher gone, the worker
// left running. The worker only reads its input and exits.
"use strict";
const { spawn } = require("node:child_process");
const { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } = require("node:fs");
const { join } = require("node:path");

const WORKER = 'process.stdin.on("data", () => undefined).on("end", () => undefined);';

// As review-floor.cjs writes its records: each floor stands alone, loading no module of ours.
function writeDurably(path, text) {
  const fd = openSync(`${path}.tmp`, "w", 0o600);
  writeSync(fd, text);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
}

const jobDir = join(process.argv[2], `${process.pid}-${Date.now()}`);
mkdirSync(jobDir, { recursive: true, mode: 0o700 });
const worker = spawn(process.execPath, ["-e", WORKER], { detached: true, stdio: ["pipe", "ignore", "ignore"] });
worker.once("spawn", () => {
  writeDurably(join(jobDir, "record.json"), JSON.stringify({ status: "queued", worker: worker.pid, padding: "x".repeat(1500) }));
  worker.stdin.end(JSON.stringify({ prompt: "bench" }), () => {
    worker.unref();
    // As the companion prints: straight to the descriptor, without building process.stdout.
    writeSync(1, `${worker.pid}\n`);
  });
});
