#!/usr/bin/env node
// CommonJS on purpose: the synchronous loader starts faster than the ES module loader.
require("../dist/main.cjs");
