#!/usr/bin/env node
// `pnpm bench [suite…]`: the quality bar of SPEC §10, measured on this machine against the
// mock target and bare node, in paired, interleaved runs. Prints one row per item (median,
// ratio, limit) and exits 1 if any is over its limit. Wall time: a quiet machine gives
// steadier figures, but the pairing keeps ratios meaningful on a busy one.
import { mcp } from "./mcp.js";
import { reviewOverhead, reviewRealOverhead } from "./review-overhead.js";
import { type Measurement, cancelLatency, launch, snapshot, startup } from "./scenarios.js";

const SUITES: Record<string, () => Promise<Measurement[]>> = { review: reviewOverhead, launch, startup, mcp, cancel: cancelLatency, snapshot };
/** Run only when asked for by name: they need the real CLIs installed (tooling/real-cli). */
const ON_REQUEST: Record<string, () => Promise<Measurement[]>> = { "review-real": reviewRealOverhead };

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in SUITES) && !(name in ON_REQUEST));
if (unknown.length > 0) {
  console.error(`bench: unknown suite ${unknown.join(", ")}; suites: ${[...Object.keys(SUITES), ...Object.keys(ON_REQUEST)].join(", ")}`);
  process.exit(2);
}
const chosen = wanted.length > 0 ? wanted : Object.keys(SUITES);
const format = (m: Measurement) => (m.unit === "ms" ? `${m.value.toFixed(1)} ms` : `${m.value.toFixed(2)}x`);
const missed = (m: Measurement) => m.skipped === undefined && !(m.value <= m.limit);
function print(m: Measurement): void {
  if (m.skipped !== undefined) {
    console.log(`skip ${m.name.padEnd(48)} ${m.skipped}`);
    return;
  }
  console.log(`${missed(m) ? "MISS" : "ok  "} ${m.name.padEnd(48)} ${format(m).padStart(9)}  (limit ${m.unit === "ms" ? `${m.limit} ms` : `${m.limit}x`})  ${m.detail}`);
  for (const line of m.breakdown ?? []) console.log(`       ${line}`);
}
let failed = false;
for (const name of chosen) {
  process.stderr.write(`bench: ${name}…\n`);
  // Each suite's rows print as soon as it ends, so a later failure loses none of them.
  for (const m of await (SUITES[name] ?? ON_REQUEST[name])!()) {
    print(m);
    failed ||= missed(m);
  }
}
process.exitCode = failed ? 1 : 0;
