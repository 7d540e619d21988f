import { ALL_COMMANDS } from "@agent-companion/core";
import { startCli } from "./cli.js";

startCli(ALL_COMMANDS);
