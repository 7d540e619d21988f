#!/usr/bin/env node
// CommonJS on purpose: the synchronous loader starts faster than the ES module loader.
// dist/start.cjs holds only which bundle serves each command (from core's command table: the
// commands host agents poll, and background launches, start from small bundles of their own),
// and runs that bundle compiled from V8's code cache of it.
require("../dist/start.cjs").start(require("node:path").join(__dirname, "..", "dist"), process.argv.slice(2));
