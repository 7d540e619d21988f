// The entry point of the read-only commands' small bundle (the bin routes them here).
import { startCli } from "@agent-companion/core/start";
import { READ_ONLY_OPERATIONS } from "@agent-companion/core/read-only-operations";
import { wiring } from "./wiring.js";

startCli(wiring, READ_ONLY_OPERATIONS);
