/** A file in an API answer: its name, type, bytes as base64 (JSON carries no binary) and size. */
export function fileAnswer(filename: string, mime: string, bytes: Uint8Array): { filename: string; mime: string; base64: string; bytes: number } {
  return { filename, mime, base64: Buffer.from(bytes).toString('base64'), bytes: bytes.length };
}
