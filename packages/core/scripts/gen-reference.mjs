#!/usr/bin/env node
// Writes docs/reference.md from the built command table and schemas (see src/docs/reference.ts).
import { writeFileSync } from "node:fs";
import { renderReference } from "../dist/docs/reference.js";

writeFileSync(new URL("../../../docs/reference.md", import.meta.url), renderReference());
