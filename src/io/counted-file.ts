// A file read as a stream, counting the bytes read so far (for byte-based progress bars).
// The file is never held in memory: callers pipe it into a streaming parser.
import { createReadStream, statSync, type ReadStream } from 'node:fs';
import { UsageError } from './import-error.js';

export interface CountedFile {
  readonly stream: ReadStream;
  readonly size: number;
  bytesRead(): number;
}

/** The size of a readable file; a UsageError naming the file when it is missing or not a file. */
export function fileSize(path: string): number {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`${path} is not a file`);
    return stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export function openCountedFile(path: string): CountedFile {
  const size = fileSize(path);
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  let read = 0;
  stream.on('data', (chunk) => {
    read += chunk.length;
  });
  return { stream, size, bytesRead: () => read };
}
