/** The most characters of a cell's text a message quotes. */
const QUOTE_LIMIT = 40;

/**
 * Cell text as a message quotes it: on one line (line breaks shown as ↵, other control characters
 * as spaces) and cut at QUOTE_LIMIT characters with …, in “”. Every message quoting a cell uses it.
 */
export function quote(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is being replaced
  const line = text.replace(/\r\n|[\r\n\u2028\u2029]/g, "↵").replace(/[\u0000-\u001f\u007f]/g, " ");
  const chars = [...line];
  return `“${chars.length > QUOTE_LIMIT ? chars.slice(0, QUOTE_LIMIT).join("") + "…" : line}”`;
}
