import { deflateRawSync, inflateRawSync } from 'node:zlib';

const BLOCK_CHARACTERS = 256 * 1024;

/**
 * Text kept deflated in memory until it is read back once, in order. QDA-XML for selections is
 * repetitive (the same element and attribute names, the same code and user GUIDs), so it takes
 * about a quarter of its size (some 75 bytes a coding); each block of ~256 K characters is
 * deflated on its own.
 */
export class DeflatedTextBuffer {
  private pending: string[] = [];
  private pendingCharacters = 0;
  private readonly blocks: Buffer[] = [];
  private deflatedBytes = 0;

  write(text: string): void {
    this.pending.push(text);
    this.pendingCharacters += text.length;
    if (this.pendingCharacters >= BLOCK_CHARACTERS) this.flush();
  }

  /** Bytes held so far (deflated blocks, plus the block being filled at two bytes a character). */
  get bytesHeld(): number {
    return this.deflatedBytes + this.pendingCharacters * 2;
  }

  /** The text written, as UTF-8 blocks; each is inflated only when it is asked for. */
  *read(): Generator<Buffer> {
    this.flush();
    for (const block of this.blocks) yield inflateRawSync(block);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const block = deflateRawSync(Buffer.from(this.pending.join(''), 'utf8'));
    this.blocks.push(block);
    this.deflatedBytes += block.length;
    this.pending = [];
    this.pendingCharacters = 0;
  }
}
