// The entry point of the read-only commands' small bundle (the bin routes them here).
import { startCli } from "@agent-companion/core";
import { READ_ONLY_COMMANDS } from "@agent-companion/core/read-only-commands";
import { wiring } from "./wiring.js";

startCli(wiring, READ_ONLY_COMMANDS);
