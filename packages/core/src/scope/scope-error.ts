/** A review scope that cannot be selected safely; nothing has been sent anywhere. */
export class ScopeError extends Error {
  readonly code = "scope_failed" as const;

  constructor(
    message: string,
    readonly suggestedAction: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ScopeError";
  }
}
