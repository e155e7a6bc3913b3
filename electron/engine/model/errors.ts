/**
 * Errors the engine throws on purpose. They cross the IPC/HTTP boundary as `{ code, reason, message }`
 * values and reach the user as one Chinese sentence; anything else is a bug and is reported as `internal`.
 * Make them with `fail()` from messages.ts, which takes the sentence from the message catalogue.
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
  | 'cancelled'
  | 'timeout'
  | 'internal';

export interface ErrorOptions {
  /** The message catalogue's code for the sentence ("ingest.docx_not_zip"): what scripts match on. */
  reason?: string;
  /** Source line where the text is at fault, when there is one. */
  line?: number;
}

export class DuizhaoError extends Error {
  readonly code: ErrorCode;
  readonly reason?: string;
  readonly line?: number;
  constructor(code: ErrorCode, message: string, options: ErrorOptions = {}) {
    super(message);
    this.name = 'DuizhaoError';
    this.code = code;
    if (options.reason !== undefined) this.reason = options.reason;
    if (options.line !== undefined) this.line = options.line;
  }
}

export function isDuizhaoError(e: unknown): e is DuizhaoError {
  return e instanceof DuizhaoError;
}
