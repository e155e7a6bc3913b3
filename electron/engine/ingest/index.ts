/** Ingest: bytes of a file → text the parser reads. */
export { decodeText, type Decoded, type Encoding } from './decode';
