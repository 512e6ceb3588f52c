import { type FileHandle, open } from 'node:fs/promises';

const WINDOW_BYTES = 64 * 1024;

/**
 * Positioned reads over a file through one cached window, so structure walkers can hop from header
 * to header of a large video without reading the media data or issuing a syscall per field.
 */
export class FileWindow {
  private windowStart = 0;
  private window: Buffer = Buffer.alloc(0);

  private constructor(
    private readonly handle: FileHandle,
    /** The file's length in bytes. */
    readonly size: number,
  ) {}

  /** Opens a file for reading; close it when done. */
  static async open(path: string): Promise<FileWindow> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      return new FileWindow(handle, size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Up to `length` bytes from `position`; shorter only at the end of the file. */
  async read(position: number, length: number): Promise<Buffer> {
    const end = Math.min(position + length, this.size);
    if (position >= end) return Buffer.alloc(0);
    if (position >= this.windowStart && end <= this.windowStart + this.window.length) {
      return this.window.subarray(position - this.windowStart, end - this.windowStart);
    }
    if (end - position > WINDOW_BYTES) return this.readDirect(position, end - position);
    this.window = await this.readDirect(position, Math.min(WINDOW_BYTES, this.size - position));
    this.windowStart = position;
    return this.window.subarray(0, end - position);
  }

  /** The whole file as one buffer; for formats small enough to hold (SVG text). */
  async readAll(): Promise<Buffer> {
    return this.readDirect(0, this.size);
  }

  /** Releases the file handle. */
  async close(): Promise<void> {
    await this.handle.close();
  }

  private async readDirect(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await this.handle.read(buffer, filled, length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  }
}

/** A structural check's verdict: fine, or refused with a stable code and a human detail. */
export type StructureVerdict =
  | { ok: true }
  | { ok: false; code: 'truncated' | 'corrupt' | 'unsupported_type'; detail: string };

export const STRUCTURE_OK: StructureVerdict = { ok: true };

/** A refusal verdict. */
export function refuseStructure(
  code: 'truncated' | 'corrupt' | 'unsupported_type',
  detail: string,
): Extract<StructureVerdict, { ok: false }> {
  return { ok: false, code, detail };
}
