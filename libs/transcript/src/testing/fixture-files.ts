// Test-only helpers (not exported from the package index): read the copied fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES_DIR = join(__dirname, '..', '..', 'fixtures');

export function fixturePath(relative: string): string {
  return join(FIXTURES_DIR, relative);
}

export function fixtureBytes(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(relative)));
}

export function fixtureText(relative: string): string {
  return readFileSync(fixturePath(relative), 'utf8');
}

export function fixtureJson<T>(relative: string): T {
  return JSON.parse(fixtureText(relative)) as T;
}

export function fixtureFiles(folder: string, extension: string): string[] {
  return readdirSync(fixturePath(folder))
    .filter((name) => name.endsWith(extension))
    .sort();
}

export function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * A minimal ZIP archive (stored entries, CRC left at 0, which the DOCX reader does not check):
 * enough to build non-Word archives for the error paths.
 */
export function makeZip(entries: Record<string, string>): Uint8Array {
  const local: number[] = [];
  const central: number[] = [];
  let count = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = [...new TextEncoder().encode(name)];
    const data = [...new TextEncoder().encode(content)];
    const offset = local.length;
    local.push(...u32(0x04034b50), ...u16(20), ...u16(0), ...u16(0), ...u32(0), ...u32(0));
    local.push(
      ...u32(data.length),
      ...u32(data.length),
      ...u16(nameBytes.length),
      ...u16(0),
      ...nameBytes,
      ...data,
    );
    central.push(
      ...u32(0x02014b50),
      ...u16(20),
      ...u16(20),
      ...u16(0),
      ...u16(0),
      ...u32(0),
      ...u32(0),
    );
    central.push(
      ...u32(data.length),
      ...u32(data.length),
      ...u16(nameBytes.length),
      ...u16(0),
      ...u16(0),
    );
    central.push(...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...nameBytes);
    count++;
  }
  const end = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(count), ...u16(count)];
  end.push(...u32(central.length), ...u32(local.length), ...u16(0));
  return new Uint8Array([...local, ...central, ...end]);
}

function u16(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff];
}

function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}
