import type { $ZodType } from "zod/v4/core";
import { JobRecord, JobSummary } from "./schema.js";

/**
 * Writes, from zod schemas, the source of predicates that accept a value only when the schema
 * would accept it unchanged: every key present, none to strip, every check passed. Start-up
 * paths (`status`, `result`, a background launch) check records with them instead of building
 * the schemas, which is the largest part of their own start-up (SPEC §10). A value they refuse
 * goes to the schema itself, which says exactly what is wrong, so they need not cover every
 * shape the schema tolerates: only say yes where the schema does.
 */
export function checksSource(schemas: Readonly<Record<string, { schema: $ZodType; type: string }>>, header: string): string {
  const writer = new Writer();
  const predicates = Object.entries(schemas).map(
    ([name, { schema, type }]) => `export const ${name} = (v: any): v is ${type} =>\n  ${writer.expression(schema, "v", 1)};\n`,
  );
  return [header, "/* eslint-disable */", ...writer.constants, "", ...predicates].join("\n");
}

/** The source of `checks.generated.ts`. */
export const recordChecksSource = (): string =>
  checksSource(
    { isExactJobRecord: { schema: JobRecord, type: "JobRecord" }, isExactJobSummary: { schema: JobSummary, type: "JobSummary" } },
    [
      "// Generated from record/schema.ts by `pnpm --filter @agent-companion/core gen:checks`: do not edit.",
      "// Exact-shape checks for start-up paths; see record/check-source.ts.",
      'import type { JobRecord, JobSummary } from "./schema.js";',
    ].join("\n"),
  );

interface Def {
  type: string;
  check?: string;
  format?: string;
  pattern?: RegExp;
  checks?: Array<{ _zod: { def: Check } }>;
  shape?: Record<string, $ZodType>;
  innerType?: $ZodType;
  element?: $ZodType;
  options?: $ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
}

interface Check {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
}

class Writer {
  readonly constants = [
    'const exactObject = (v: any, keys: number): boolean => typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === keys;',
  ];
  private readonly named = new Map<string, string>();

  expression(schema: $ZodType, value: string, depth: number): string {
    const def = schema._zod.def as unknown as Def;
    const checks = (def.checks ?? []).map((check) => this.check(check._zod.def, value));
    return [this.base(def, value, depth), ...checks].join(" && ");
  }

  private base(def: Def, value: string, depth: number): string {
    switch (def.type) {
      case "string":
        return [`typeof ${value} === "string"`, ...(def.check === "string_format" ? [`${this.pattern(def)}.test(${value})`] : [])].join(" && ");
      case "number":
        return def.format === "safeint" ? `Number.isSafeInteger(${value})` : `Number.isFinite(${value})`;
      case "boolean":
        return `typeof ${value} === "boolean"`;
      case "unknown":
        return "true";
      case "literal":
        return `(${(def.values ?? []).map((literal) => `${value} === ${JSON.stringify(literal)}`).join(" || ")})`;
      case "enum":
        return `${this.constant(`new Set(${JSON.stringify(Object.values(def.entries ?? {}))})`)}.has(${value})`;
      case "nullable":
        return `(${value} === null || ${this.expression(required(def.innerType), value, depth)})`;
      case "array": {
        const item = `e${depth}`;
        return `Array.isArray(${value}) && ${value}.every((${item}: any) => ${this.expression(required(def.element), item, depth + 1)})`;
      }
      case "union":
        return `(${(def.options ?? []).map((option) => `(${this.expression(option, value, depth)})`).join(" || ")})`;
      case "object": {
        const shape = Object.entries(def.shape ?? {});
        const indent = `\n${"  ".repeat(depth + 1)}`;
        const fields = shape.map(([key, field]) => this.expression(field, `${value}[${JSON.stringify(key)}]`, depth + 1));
        return `(exactObject(${value}, ${shape.length})${fields.map((field) => ` &&${indent}${field}`).join("")})`;
      }
      default:
        throw new Error(`checksSource: a zod "${def.type}" schema has no exact-shape check; add one here or keep it off the records.`);
    }
  }

  private check(check: Check, value: string): string {
    switch (check.check) {
      case "min_length":
        return `${value}.length >= ${check.minimum}`;
      case "max_length":
        return `${value}.length <= ${check.maximum}`;
      case "greater_than":
        return `${value} ${check.inclusive ? ">=" : ">"} ${check.value}`;
      case "less_than":
        return `${value} ${check.inclusive ? "<=" : "<"} ${check.value}`;
      default:
        throw new Error(`checksSource: the zod check "${check.check}" has no exact-shape check; add one here.`);
    }
  }

  private pattern(def: Def): string {
    if (def.pattern === undefined) throw new Error(`checksSource: the string format "${def.format}" has no pattern to check.`);
    return this.constant(`/${def.pattern.source}/${def.pattern.flags}`);
  }

  private constant(source: string): string {
    const known = this.named.get(source);
    if (known !== undefined) return known;
    const name = `C${this.named.size}`;
    this.named.set(source, name);
    this.constants.push(`const ${name} = ${source};`);
    return name;
  }
}

const required = (schema: $ZodType | undefined): $ZodType => {
  if (schema === undefined) throw new Error("checksSource: a zod wrapper without its inner schema");
  return schema;
};
