#!/usr/bin/env node
// `pnpm bench`: the quality bar of SPEC §10, measured on this machine. Prints one row per
// item and exits 1 if any is over its limit. Run it on a quiet machine: it is wall time.
import { reviewOverhead } from "./review-overhead.js";
import { type Measurement, cancelLatency, launch, snapshot, startup } from "./scenarios.js";

const SUITES: Record<string, () => Promise<Measurement[]>> = { startup, launch, cancel: cancelLatency, snapshot, review: reviewOverhead };

const wanted = process.argv.slice(2);
const results: Measurement[] = [];
for (const [name, suite] of Object.entries(SUITES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  results.push(...(await suite()));
}
const format = (m: Measurement) => (m.unit === "ms" ? `${m.value.toFixed(0)} ms` : `${m.value.toFixed(2)}${m.unit.slice(0, 1)}`);
for (const m of results) {
  const verdict = m.value <= m.limit ? "ok  " : "MISS";
  console.log(`${verdict} ${m.name.padEnd(48)} ${format(m).padStart(9)}  (limit ${m.unit === "ms" ? `${m.limit} ms` : `${m.limit}x`})  ${m.detail}`);
}
process.exitCode = results.every((m) => m.value <= m.limit) ? 0 : 1;
