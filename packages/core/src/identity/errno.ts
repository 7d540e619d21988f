/** The errno code of a Node system error, if it is one. */
export const errnoOf = (error: unknown): string | undefined => {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === "string" ? code : undefined;
};

export const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
