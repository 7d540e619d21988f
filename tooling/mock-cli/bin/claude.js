#!/usr/bin/env node
// Stand-in for the `claude` headless CLI (Claude Code 2.1.330). See ../README.md.
import { main } from "../lib/claude-main.js";

await main();
