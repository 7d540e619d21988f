export * from "./record/schema.js";
export * from "./profiles/profiles.js";
export type * from "./adapter/adapter.js";
