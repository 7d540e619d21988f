#!/usr/bin/env node
// CommonJS on purpose: the synchronous loader starts faster than the ES module loader.
// Core's command table says which bundle serves each command (dist/route.cjs holds only the
// table): the commands host agents poll start from a small bundle of their own.
const { bundleFor } = require("../dist/route.cjs");
require(`../dist/${bundleFor(process.argv[2])}.cjs`);
