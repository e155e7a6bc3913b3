/**
 * Atomic file writes: the bytes go to a temporary file in the target's folder, are flushed to disk, and
 * the temporary file is renamed over (or linked to) the target. A reader never sees half a file, and a
 * failure leaves no partial file behind.
 */
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fail } from '../engine/model';

export interface AtomicWriteOptions {
  /** Replace an existing file (default true). When false an existing target is refused with `exists`. */
  overwrite?: boolean;
  /** File mode of a new file. */
  mode?: number;
}

export function fsyncDir(dir: string): void {
  // Makes the rename itself durable; not possible on every platform (Windows), so best effort.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

export function writeFileAtomic(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): void {
  const overwrite = opts.overwrite ?? true;
  const dir = dirname(path);
  if (!existsSync(dir)) throw fail('not_found', 'file.no_folder', { dir });
  if (!overwrite && existsSync(path)) throw fail('exists', 'export.file_exists', { path });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx', opts.mode ?? 0o644);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    if (overwrite) {
      renameSync(temp, path);
    } else {
      // link() fails with EEXIST when the target appeared meanwhile: no-clobber without a race.
      try {
        linkSync(temp, path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw fail('exists', 'export.file_exists', { path });
        // Filesystems without hard links: the existence check above has to do.
        if (existsSync(path)) throw fail('exists', 'export.file_exists', { path });
        renameSync(temp, path);
      }
    }
    fsyncDir(dir);
  } finally {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    if (existsSync(temp)) {
      try {
        unlinkSync(temp);
      } catch {
        /* leave it; it is hidden and named as temporary */
      }
    }
  }
}

/**
 * Writes a new file (refusing to replace one) and flushes it to disk: for files inside a temporary
 * folder that is renamed into place afterwards, where the folder's rename is the atomic step.
 */
export function writeNewFileDurable(path: string, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fd = openSync(path, 'wx', 0o644);
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
