#!/usr/bin/env node
// CommonJS on purpose: the synchronous loader starts faster than the ES module loader.
// Core's command table says which bundle serves each command (dist/route.cjs holds only the
// table): the commands host agents poll, and background launches, start from small bundles
// of their own.
const { bundleFor } = require("../dist/route.cjs");
require(`../dist/${bundleFor(process.argv.slice(2))}.cjs`);
