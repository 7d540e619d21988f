/** Pure: the records of NUL-terminated git output (`-z`), without the trailing empty one. */
export function splitNul(output: string): string[] {
  const records = output.split("\0");
  if (records.at(-1) === "") records.pop();
  return records;
}
