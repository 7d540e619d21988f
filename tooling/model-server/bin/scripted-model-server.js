#!/usr/bin/env node
// Committed so pnpm can link the bin on a fresh clone, before `dist/` is built.
import "../dist/main.js";
