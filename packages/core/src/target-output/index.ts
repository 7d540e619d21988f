export { BARE_EVENT, type EventLine, NOT_AN_EVENT, readEventLine } from "./event-line.js";
export { codeForText, exitDescription, isCleanExit, lastLine, type TextRules } from "./failure-text.js";
export { denialDetail } from "./denial-detail.js";
export { errorCodeForHttpStatus } from "./http-status.js";
export { oneLine } from "./one-line.js";
export { parseJsonObject } from "./json-line.js";
export { parseVersion } from "./version.js";
export { EMPTY_USAGE } from "../record/values.js";
