// Scope selection and snapshots as a library, for tooling (benchmarks). A separate entry
// point keeps the main index free of git and execa, which the bins' fast paths never load.
export { selectScope } from "./scope/select.js";
export type { Selection, ScopeRequest } from "./scope/selection.js";
export { createSnapshot, type Snapshot } from "./snapshot/snapshot.js";
