#!/usr/bin/env node
// Writes src/record/checks.generated.ts from the built record schemas (see src/record/check-source.ts).
import { writeFileSync } from "node:fs";
import { recordChecksSource } from "../dist/record/check-source.js";

writeFileSync(new URL("../src/record/checks.generated.ts", import.meta.url), recordChecksSource());
