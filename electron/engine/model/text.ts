/** Shortens text for one-line display: at most `n` characters of it, then "…". */
export function clip(text: string, n: number): string {
  return text.length > n ? text.slice(0, n) + '…' : text;
}
