#!/usr/bin/env node
// Stand-in for the `gemini` headless CLI (Gemini CLI 0.61.0). See ../README.md.
import { main } from "../lib/gemini-main.js";

await main();
