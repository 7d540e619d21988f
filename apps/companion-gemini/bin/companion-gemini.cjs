#!/usr/bin/env node
// CommonJS on purpose: the synchronous loader starts faster than the ES module loader.
// The commands host agents poll (core's READ_ONLY_COMMANDS) start from a small bundle of
// their own; every other command from the full one.
const READ_ONLY = new Set(["status", "result"]);
require(READ_ONLY.has(process.argv[2]) ? "../dist/read.cjs" : "../dist/main.cjs");
