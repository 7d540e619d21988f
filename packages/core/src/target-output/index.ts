export { denialDetail } from "./denial-detail.js";
export { errorCodeForHttpStatus } from "./http-status.js";
export { parseJsonObject } from "./json-line.js";
export { oneLine } from "./one-line.js";
export { parseVersion } from "./version.js";
