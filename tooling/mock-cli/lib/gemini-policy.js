// Reading Gemini CLI policy files (--policy FILE|DIR) far enough to know whether
// write_file is removed by a deny rule.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * @typedef {object} PolicyRule
 * @property {string[]} toolNames
 * @property {string | undefined} decision
 * @property {boolean} conditional  has argsPattern / commandPrefix etc. (not a blanket rule)
 */

/**
 * Parse the [[rule]] tables of a policy TOML file (only the keys we need).
 * @param {string} text
 * @returns {PolicyRule[]}
 */
export function parsePolicyRules(text) {
  /** @type {PolicyRule[]} */
  const rules = [];
  const blocks = text.split(/^\s*\[\[\s*rule\s*\]\]\s*$/m).slice(1);
  for (const block of blocks) {
    const body = block.split(/^\s*\[/m)[0] ?? "";
    /** @param {string} key */
    const value = (key) => body.match(new RegExp(`^\\s*${key}\\s*=\\s*(.+?)\\s*(?:#.*)?$`, "m"))?.[1];
    const rawTool = body.match(/^\s*toolName\s*=\s*(\[[\s\S]*?\]|"[^"]*"|'[^']*')/m)?.[1];
    const toolNames = rawTool === undefined ? [] : [...rawTool.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2] ?? "");
    const decision = value("decision")?.replace(/^["']|["']$/g, "");
    const conditional = /^\s*(argsPattern|commandPrefix|commandRegex)\s*=/m.test(body);
    rules.push({ toolNames, decision, conditional });
  }
  return rules;
}

/**
 * Policy files named by --policy values (comma-separated; directories contribute *.toml).
 * @param {string[]} values
 * @returns {{ files: string[], missing: string[] }}
 */
export function policyFiles(values) {
  /** @type {string[]} */
  const files = [];
  /** @type {string[]} */
  const missing = [];
  for (const raw of values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean)) {
    const path = resolve(process.cwd(), raw);
    try {
      if (statSync(path).isDirectory()) {
        for (const name of readdirSync(path).sort()) if (name.endsWith(".toml")) files.push(join(path, name));
      } else {
        files.push(path);
      }
    } catch {
      missing.push(raw);
    }
  }
  return { files, missing };
}

/**
 * Tools removed by unconditional deny rules in the given files.
 * @param {string[]} files
 * @returns {Set<string>}
 */
export function deniedTools(files) {
  const denied = new Set();
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const rule of parsePolicyRules(text)) {
      if (rule.decision === "deny" && !rule.conditional) for (const t of rule.toolNames) denied.add(t);
    }
  }
  return denied;
}
