import { parseArgs } from "node:util";

export interface CliOptions {
  readonly port: number;
  readonly scriptFile: string | undefined;
  readonly logFile: string | undefined;
}

export const USAGE = "usage: scripted-model-server [--port N] [--script FILE] [--log FILE]";

/** Throws with a readable message for anything but the documented flags. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: { port: { type: "string" }, script: { type: "string" }, log: { type: "string" } },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port ?? "0");
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${values.port}`);
  return { port, scriptFile: values.script, logFile: values.log };
}
