// The entry point of the read-only commands' small bundle (the bin routes them here).
import { READ_ONLY_COMMANDS } from "@agent-companion/core/read-only-commands";
import { startCli } from "./cli.js";

startCli(READ_ONLY_COMMANDS);
