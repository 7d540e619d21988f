import { COMMANDS, type CommandName, type FlagSpec } from "./table.js";

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** `keep-snapshot` → `keepSnapshot`: the input key of a flag. */
export const inputKey = (flag: string): string => flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

type ValueOf<F extends FlagSpec> = F["kind"] extends "boolean"
  ? boolean
  : F["kind"] extends "list"
    ? string[]
    : F["kind"] extends "seconds"
      ? number | undefined
      : F extends { kind: "enum"; values: readonly (infer V)[] }
        ? F extends { required: true }
          ? V
          : V | undefined
        : F extends { required: true }
          ? string
          : string | undefined;

type FlagsOf<C extends CommandName> = (typeof COMMANDS)[C]["flags"];

type PromptOf<C extends CommandName> = (typeof COMMANDS)[C]["prompt"] extends null ? unknown : { prompt: string };

/**
 * An operation's typed input, derived from its row of the table: one key per flag
 * (camelCase), plus `prompt` for commands that take one. Both front-ends build it.
 */
export type InputOf<C extends CommandName> = {
  [K in keyof FlagsOf<C> as FlagsOf<C>[K] extends { kind: "prompt-file" } ? never : Camel<K & string>]: FlagsOf<C>[K] extends FlagSpec ? ValueOf<FlagsOf<C>[K]> : never;
} & PromptOf<C>;

/** The value an absent flag has in an input. */
export const absentValue = (flag: FlagSpec): boolean | string[] | undefined => (flag.kind === "boolean" ? false : flag.kind === "list" ? [] : undefined);

/** The flags that become input keys (the prompt file is folded into `prompt` by the CLI). */
export const inputFlags = (command: CommandName): [string, FlagSpec][] =>
  Object.entries(COMMANDS[command].flags as Record<string, FlagSpec>).filter(([, flag]) => flag.kind !== "prompt-file");
