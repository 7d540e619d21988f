#!/usr/bin/env node
// CommonJS on purpose: the synchronous loader starts faster than the ES module loader.
// The commands host agents poll (core's READ_ONLY_COMMANDS) and background launches (core's
// LAUNCH_COMMANDS) start from small bundles of their own; every other command from the full
// one. `--background` before `--` is always the flag: no option takes an option-shaped value.
const READ_ONLY = new Set(["status", "result"]);
const LAUNCHES = new Set(["run", "continue"]);
const [command, ...rest] = process.argv.slice(2);
const end = rest.indexOf("--");
const background = LAUNCHES.has(command) && (end === -1 ? rest : rest.slice(0, end)).includes("--background");
require(READ_ONLY.has(command) ? "../dist/read.cjs" : background ? "../dist/launch.cjs" : "../dist/main.cjs");
