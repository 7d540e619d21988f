import type { LineInfo } from "../adapter/adapter.js";
import { parseJsonObject } from "./json-line.js";

/** A stdout line that is not a target event: kept in the log, counted as nothing. */
export const NOT_AN_EVENT: LineInfo = {
  keepInLog: true,
  event: false,
  toolCall: false,
  text: null,
  sessionId: null,
};

/** A target event that adds nothing to progress but its count. */
export const BARE_EVENT: LineInfo = { ...NOT_AN_EVENT, event: true };

type JsonObject = Record<string, unknown>;

/** The part of a zod schema this reader needs, so adapters may use any zod flavour. */
interface EventSchema<Event> {
  safeParse(input: unknown): { success: true; data: Event } | { success: false };
}

/** One stdout line read against a target's event schema. */
export type EventLine<Event> =
  /** Not a JSON object with a string `type`: plain output. */
  | { readonly kind: "not_event" }
  /** An event of a type the adapter does not read: counted, otherwise ignored. */
  | { readonly kind: "unknown"; readonly type: string; readonly json: JsonObject }
  /** A type the adapter reads, in a shape its schema rejects (a CLI version drift). */
  | { readonly kind: "malformed"; readonly type: string; readonly json: JsonObject }
  | { readonly kind: "event"; readonly event: Event; readonly json: JsonObject };

/**
 * Reads one stream-json line. Unknown types are not schema-checked, so a newer CLI's extra
 * events neither cost a parse nor look malformed.
 */
export const readEventLine = <Event>(
  line: string,
  knownTypes: ReadonlySet<string>,
  schema: EventSchema<Event>,
): EventLine<Event> => {
  const json = parseJsonObject(line);
  const type = json?.["type"];
  if (json === null || typeof type !== "string") return { kind: "not_event" };
  if (!knownTypes.has(type)) return { kind: "unknown", type, json };
  const parsed = schema.safeParse(json);
  return parsed.success ? { kind: "event", event: parsed.data, json } : { kind: "malformed", type, json };
};
