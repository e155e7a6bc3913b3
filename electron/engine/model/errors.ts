/**
 * Errors the engine throws on purpose. They cross the IPC/HTTP boundary as `{ code, message }` values and
 * reach the user as one sentence; anything else is a bug and is reported as `internal`.
 */
export type ErrorCode =
  | 'not_found'
  | 'bad_request'
  | 'empty_file'
  | 'binary_file'
  | 'undecodable'
  | 'unsupported_type'
  | 'too_large'
  | 'no_articles'
  | 'corrupt'
  | 'encrypted'
  | 'no_text'
  | 'exists'
  | 'internal';

export class DuizhaoError extends Error {
  readonly code: ErrorCode;
  /** Source line where the text is at fault, when there is one. */
  readonly line?: number;
  constructor(code: ErrorCode, message: string, line?: number) {
    super(message);
    this.name = 'DuizhaoError';
    this.code = code;
    if (line !== undefined) this.line = line;
  }
}

export function isDuizhaoError(e: unknown): e is DuizhaoError {
  return e instanceof DuizhaoError;
}
