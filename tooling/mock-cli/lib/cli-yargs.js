// Imitation of yargs argv parsing and help, as used by the real `gemini` CLI in strict
// mode: unknown options are reported as "Unknown argument(s): name" after the help text
// (exit 1), string options take the next word unless it is option-shaped, array options
// swallow every following word that is not option-shaped.

/** @typedef {import("./options.js").OptionSpec} OptionSpec */
/** @typedef {import("./options.js").ParseResult} ParseResult */
/** @typedef {import("./options.js").ParsedOptions} ParsedOptions */

import { findOption } from "./options.js";

/** @param {string} arg */
const isFlag = (arg) => arg.length > 1 && arg.startsWith("-") && !/^-\d/.test(arg);

/**
 * @param {ParsedOptions} opts
 * @param {OptionSpec} spec
 * @param {string} value
 */
function put(opts, spec, value) {
  if (spec.kind === "variadic") {
    const prev = opts[spec.key];
    opts[spec.key] = [...(Array.isArray(prev) ? prev : []), value];
  } else {
    opts[spec.key] = value;
  }
}

/**
 * @param {readonly string[]} argv
 * @param {readonly OptionSpec[]} specs
 * @returns {ParseResult}
 */
export function parseYargs(argv, specs) {
  /** @type {ParsedOptions} */
  const opts = {};
  /** @type {string[]} */
  const operands = [];
  /** @type {string[]} */
  const unknown = [];
  const args = [...argv];

  while (args.length > 0) {
    const arg = /** @type {string} */ (args.shift());
    if (arg === "--") {
      operands.push(...args);
      break;
    }
    if (!isFlag(arg)) {
      operands.push(arg);
      continue;
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    /** @type {string | undefined} */
    const attached = eq > 0 ? arg.slice(eq + 1) : undefined;
    let spec = findOption(specs, name);

    if (!spec && !arg.startsWith("--") && arg.length > 2) {
      // "-sy": a cluster of boolean short flags.
      const cluster = [...arg.slice(1)].map((c) => findOption(specs, `-${c}`));
      if (cluster.every((s) => s !== undefined && s.kind === "boolean")) {
        for (const s of cluster) if (s) opts[s.key] = true;
        continue;
      }
    }
    if (!spec) {
      unknown.push(name.replace(/^-+/, ""));
      // yargs-parser gives an unknown option the next non-flag word as its value.
      if (attached === undefined && args[0] !== undefined && !isFlag(args[0])) args.shift();
      continue;
    }

    if (spec.kind === "boolean") {
      if (attached !== undefined) opts[spec.key] = attached !== "false";
      else if (args[0] === "true" || args[0] === "false") opts[spec.key] = args.shift() === "true";
      else opts[spec.key] = true;
    } else if (spec.kind === "variadic") {
      if (attached !== undefined) put(opts, spec, attached);
      else {
        if (!Array.isArray(opts[spec.key])) opts[spec.key] = [];
        while (args[0] !== undefined && !isFlag(args[0]) && args[0] !== "--") put(opts, spec, /** @type {string} */ (args.shift()));
      }
    } else if (attached !== undefined) {
      put(opts, spec, attached);
    } else if (args[0] !== undefined && !isFlag(args[0]) && args[0] !== "--") {
      put(opts, spec, /** @type {string} */ (args.shift()));
    } else {
      put(opts, spec, "");
    }
  }

  if (unknown.length > 0) {
    return {
      ok: false,
      message: `Unknown argument${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`,
    };
  }
  for (const spec of specs) {
    const value = opts[spec.key];
    if (spec.choices && typeof value === "string" && !spec.choices.includes(value)) {
      const given = JSON.stringify(value);
      const choices = spec.choices.map((c) => JSON.stringify(c)).join(", ");
      return {
        ok: false,
        message: `Invalid values:\n  Argument: ${spec.long.replace(/^-+/, "")}, Given: ${given}, Choices: ${choices}`,
      };
    }
  }
  return { ok: true, opts, operands };
}

/** @param {OptionSpec} spec */
function typeTag(spec) {
  const type = spec.kind === "boolean" ? "boolean" : spec.kind === "variadic" ? "array" : "string";
  let tag = `[${type}]`;
  if (spec.choices) tag += ` [choices: ${spec.choices.map((c) => JSON.stringify(c)).join(", ")}]`;
  return tag;
}

/**
 * Render help in yargs' layout.
 * @param {object} p
 * @param {string} p.usage
 * @param {string} p.description
 * @param {readonly [string, string][]} p.commands
 * @param {readonly [string, string][]} p.positionals
 * @param {readonly OptionSpec[]} p.specs
 */
export function yargsHelp({ usage, description, commands, positionals, specs }) {
  /** @param {readonly [string, string][]} rows */
  const block = (rows) => {
    const width = Math.max(...rows.map(([term]) => term.length)) + 2;
    return rows.map(([term, desc]) => `  ${term.padEnd(width)}${desc}`).join("\n");
  };
  const optionRows = specs.map((s) => /** @type {[string, string]} */ ([
    s.short ? `${s.short}, ${s.long}` : `    ${s.long}`,
    `${s.description}  ${typeTag(s)}`,
  ]));
  return [
    `Usage: ${usage}`,
    "",
    description,
    "",
    "Commands:",
    block(commands),
    "",
    "Positionals:",
    block(positionals),
    "",
    "Options:",
    block(optionRows),
    "",
  ].join("\n");
}
