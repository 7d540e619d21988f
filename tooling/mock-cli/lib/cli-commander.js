// Imitation of commander.js argv parsing and help, as used by the real `claude` CLI:
// `error: unknown option '--x'` (exit 1), required option values taken verbatim even when
// option-shaped, variadic options swallowing following words, `--opt=value` not swallowing.

/** @typedef {import("./options.js").OptionSpec} OptionSpec */
/** @typedef {import("./options.js").ParseResult} ParseResult */
/** @typedef {import("./options.js").ParsedOptions} ParsedOptions */

import { findOption } from "./options.js";

/** @param {string} arg */
const maybeOption = (arg) => arg.length > 1 && arg.startsWith("-");

/** @param {OptionSpec} spec */
export function commanderFlags(spec) {
  const names = spec.short ? `${spec.short}, ${spec.long}` : spec.long;
  return spec.placeholder ? `${names} ${spec.placeholder}` : names;
}

/**
 * @param {ParsedOptions} opts
 * @param {OptionSpec} spec
 * @param {string} value
 * @returns {string | undefined} an error message
 */
function assign(opts, spec, value) {
  if (spec.choices && !spec.choices.includes(value)) {
    return `option '${commanderFlags(spec)}' argument '${value}' is invalid. Allowed choices are ${spec.choices.join(", ")}.`;
  }
  if (spec.kind === "variadic") {
    const prev = opts[spec.key];
    opts[spec.key] = [...(Array.isArray(prev) ? prev : []), value];
  } else {
    opts[spec.key] = value;
  }
  return undefined;
}

/**
 * Parse argv like commander does for a program with options and operands.
 * @param {readonly string[]} argv
 * @param {readonly OptionSpec[]} specs
 * @returns {ParseResult}
 */
export function parseCommander(argv, specs) {
  /** @type {ParsedOptions} */
  const opts = {};
  /** @type {string[]} */
  const operands = [];
  const args = [...argv];
  /** @type {OptionSpec | null} */
  let activeVariadic = null;

  while (args.length > 0) {
    const arg = /** @type {string} */ (args.shift());
    if (arg === "--") {
      operands.push(...args);
      break;
    }
    if (activeVariadic && !maybeOption(arg)) {
      const err = assign(opts, activeVariadic, arg);
      if (err) return { ok: false, message: err };
      continue;
    }
    activeVariadic = null;

    if (maybeOption(arg)) {
      const spec = findOption(specs, arg);
      if (spec) {
        if (spec.kind === "boolean") {
          opts[spec.key] = true;
        } else if (spec.kind === "optional") {
          const next = args[0];
          if (next !== undefined && !maybeOption(next)) {
            const err = assign(opts, spec, /** @type {string} */ (args.shift()));
            if (err) return { ok: false, message: err };
          } else {
            opts[spec.key] = true;
          }
        } else {
          const value = args.shift();
          if (value === undefined) return { ok: false, message: `option '${commanderFlags(spec)}' argument missing` };
          const err = assign(opts, spec, value);
          if (err) return { ok: false, message: err };
          if (spec.kind === "variadic") activeVariadic = spec;
        }
        continue;
      }
    }

    // Short option cluster: "-pv" (booleans) or "-rVALUE" (value attached).
    if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
      const spec = findOption(specs, arg.slice(0, 2));
      if (spec) {
        if (spec.kind === "boolean") {
          opts[spec.key] = true;
          args.unshift(`-${arg.slice(2)}`);
        } else {
          const err = assign(opts, spec, arg.slice(2));
          if (err) return { ok: false, message: err };
        }
        continue;
      }
    }

    // Long option with an attached value: "--tools=Read,Grep" (does not start a variadic run).
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      const spec = findOption(specs, arg.slice(0, eq));
      if (spec && spec.kind !== "boolean") {
        const err = assign(opts, spec, arg.slice(eq + 1));
        if (err) return { ok: false, message: err };
        continue;
      }
    }

    if (maybeOption(arg)) return { ok: false, message: `unknown option '${arg}'` };
    operands.push(arg);
  }
  return { ok: true, opts, operands };
}

/**
 * Render help in commander's layout.
 * @param {object} p
 * @param {string} p.usage
 * @param {string} p.description
 * @param {readonly [string, string][]} p.args    operand name / description
 * @param {readonly OptionSpec[]} p.specs
 * @param {readonly [string, string][]} [p.commands]
 */
export function commanderHelp({ usage, description, args, specs, commands = [] }) {
  const optionRows = specs.map((s) => {
    let desc = s.description;
    if (s.choices) desc += ` (choices: ${s.choices.map((c) => `"${c}"`).join(", ")})`;
    return /** @type {[string, string]} */ ([commanderFlags(s), desc]);
  });
  const all = [...args, ...optionRows, ...commands];
  const width = Math.max(...all.map(([term]) => term.length)) + 2;
  /** @param {readonly [string, string][]} rows */
  const block = (rows) => rows.map(([term, desc]) => `  ${term.padEnd(width)}${desc}`).join("\n");
  const parts = [`Usage: ${usage}`, "", description, ""];
  if (args.length > 0) parts.push("Arguments:", block(args), "");
  parts.push("Options:", block(optionRows));
  if (commands.length > 0) parts.push("", "Commands:", block(commands));
  return `${parts.join("\n")}\n`;
}
