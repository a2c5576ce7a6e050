/** How messages put numbers and text from files into words. */

/** `1 set`, `3 sets`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** `512 MB`, `64 KB`, `900 bytes`. */
export function sizeOf(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024)).toLocaleString('en')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

const SHOWN_CHARACTERS = 80;

/**
 * Text from a file, as a message quotes it: “in quotes”, control characters replaced, cut to 80
 * characters. Names in a file can be anything, and messages are shown to people and logged.
 */
export function quote(text: string): string {
  const characters = [...text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')];
  if (characters.length <= SHOWN_CHARACTERS) return `“${characters.join('')}”`;
  return `“${characters.slice(0, SHOWN_CHARACTERS - 1).join('')}…”`;
}
