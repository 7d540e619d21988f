import { type Bundle, COMMANDS, isCommand } from "../commands/table.js";

/**
 * Which bundle the bin loads for a command line (the entry of a tiny bundle of its own, so
 * routing costs the fast paths almost nothing). Help, --version and unknown commands go to
 * the main bundle, which explains them.
 */
export const bundleFor = (command: string | undefined): Bundle => (command !== undefined && isCommand(command) ? COMMANDS[command].bundle : "main");
