// A minimal value that satisfies a JSON Schema, for Claude's structured_output.

/**
 * @param {unknown} schema
 * @param {number} [depth]
 * @returns {unknown}
 */
export function sampleFromSchema(schema, depth = 0) {
  if (depth > 8 || schema === null || typeof schema !== "object") return null;
  const s = /** @type {Record<string, unknown>} */ (schema);
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if ("default" in s) return s.default;
  for (const key of ["oneOf", "anyOf", "allOf"]) {
    const alts = s[key];
    if (Array.isArray(alts) && alts.length > 0) return sampleFromSchema(alts[0], depth + 1);
  }
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") ?? s.type[0] : s.type;
  switch (type) {
    case "object":
    case undefined: {
      const props = s.properties && typeof s.properties === "object" ? /** @type {Record<string, unknown>} */ (s.properties) : {};
      if (type === undefined && Object.keys(props).length === 0) return null;
      /** @type {Record<string, unknown>} */
      const out = {};
      for (const [name, sub] of Object.entries(props)) out[name] = sampleFromSchema(sub, depth + 1);
      return out;
    }
    case "array": {
      const min = typeof s.minItems === "number" ? s.minItems : 0;
      return Array.from({ length: min }, () => sampleFromSchema(s.items, depth + 1));
    }
    case "string": {
      const min = typeof s.minLength === "number" ? s.minLength : 0;
      return "mock".padEnd(min, "x");
    }
    case "integer":
    case "number":
      return typeof s.minimum === "number" ? s.minimum : 0;
    case "boolean":
      return true;
    default:
      return null;
  }
}
