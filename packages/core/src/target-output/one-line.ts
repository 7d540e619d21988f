/**
 * Collapses text to one line of at most `max` characters, so target output quoted in a
 * record or message can never carry a multi-line payload (file content, a prompt echo).
 */
export const oneLine = (text: string, max = 160): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};
