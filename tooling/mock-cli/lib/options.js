// The shape of a flag table, shared by the commander-style (claude) and yargs-style
// (gemini) argv imitations.

/**
 * @typedef {object} OptionSpec
 * @property {string} long             e.g. "--output-format"
 * @property {string} [short]          e.g. "-p"
 * @property {"boolean" | "value" | "optional" | "variadic"} kind
 *   boolean: no value; value: exactly one value; optional: a value if the next word is not
 *   option-shaped; variadic: one or more values, swallowing every following word that is
 *   not option-shaped (the real CLIs' array options do this)
 * @property {string} key              property name in the parsed result
 * @property {string} [placeholder]    e.g. "<format>" (commander help / messages)
 * @property {readonly string[]} [choices]
 * @property {string} description
 */

/**
 * @typedef {Record<string, string | boolean | string[] | undefined>} ParsedOptions
 */

/**
 * @typedef {{ ok: true, opts: ParsedOptions, operands: string[] }
 *         | { ok: false, message: string }} ParseResult
 */

/**
 * Drop options named in `omit` (by long or short name): a simulated CLI that lost a flag
 * neither documents nor accepts it.
 * @param {readonly OptionSpec[]} specs
 * @param {Set<string>} omit
 * @returns {OptionSpec[]}
 */
export function withoutOmitted(specs, omit) {
  return specs.filter((s) => !omit.has(s.long) && !(s.short !== undefined && omit.has(s.short)));
}

/**
 * Find a spec by its exact long or short name.
 * @param {readonly OptionSpec[]} specs
 * @param {string} name
 */
export function findOption(specs, name) {
  return specs.find((s) => s.long === name || s.short === name);
}

/**
 * Split list values the way the real CLIs accept them: comma- or space-separated, keeping
 * parenthesised patterns such as `Bash(git log:*)` whole.
 * @param {readonly string[] | string | boolean | undefined} values
 * @returns {string[]}
 */
export function splitList(values) {
  if (values === undefined || typeof values === "boolean") return [];
  const list = typeof values === "string" ? [values] : values;
  /** @type {string[]} */
  const out = [];
  for (const value of list) {
    let depth = 0;
    let current = "";
    for (const ch of value) {
      if (ch === "(") depth += 1;
      if (ch === ")") depth = Math.max(0, depth - 1);
      if (depth === 0 && (ch === "," || /\s/.test(ch))) {
        if (current !== "") out.push(current);
        current = "";
      } else {
        current += ch;
      }
    }
    if (current !== "") out.push(current);
  }
  return out;
}
