import type { ErrorCode } from "../record/schema.js";

type HttpErrorCode = Extract<ErrorCode, "not_authed" | "model_not_found" | "rate_limited">;

/** What an HTTP status from the model API means for the job; null when it says nothing. */
export const errorCodeForHttpStatus = (status: number | null): HttpErrorCode | null => {
  switch (status) {
    case 401:
    case 403:
      return "not_authed";
    case 404:
      return "model_not_found";
    case 429:
      return "rate_limited";
    default:
      return null;
  }
};
