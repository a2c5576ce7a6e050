import { expect } from '@jest/globals';
import { DomainError } from '../errors/domain-error';
import { cursorFor, readCursor } from './cursor';

const ID = '6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f';
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function refusal(read: () => unknown): string | null {
  try {
    read();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.kind : String(error);
  }
}

describe('cursors', () => {
  it('give back the keys they were made of, dates as ISO strings', () => {
    const at = new Date('2026-05-01T10:00:00.000Z');
    const cursor = cursorFor(['RECENT', at, ID, 3, true]);
    expect(
      readCursor(cursor, [{ equals: 'RECENT' }, 'timestamptz', 'uuid', 'int', 'boolean']),
    ).toEqual(['RECENT', '2026-05-01T10:00:00.000Z', ID, 3, true]);
    expect(readCursor(cursorFor([40]), ['offset'])).toEqual([40]);
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['not an array', raw({ createdAt: '2026-05-01T10:00:00Z', id: ID })],
    ['too few keys', raw(['2026-05-01T10:00:00Z'])],
    ['too many keys', raw(['2026-05-01T10:00:00Z', ID, 1])],
    ['a date that is none', raw(['yesterday', ID])],
    ['an id that is no uuid', raw(['2026-05-01T10:00:00Z', "x' OR 1=1"])],
    ['a number as text', raw(['2026-05-01T10:00:00Z', 7])],
  ])('refuses %s as BAD_USER_INPUT', (_what, cursor) => {
    expect(refusal(() => readCursor(cursor, ['timestamptz', 'uuid']))).toBe('BAD_USER_INPUT');
  });

  it('refuses a cursor of another order, and offsets out of range', () => {
    const recent = cursorFor(['RECENT', ID]);
    expect(refusal(() => readCursor(recent, [{ equals: 'TRANSCRIPT' }, 'uuid']))).toBe(
      'BAD_USER_INPUT',
    );
    for (const offset of [-1, 1.5, 10_000_001, '3'])
      expect(refusal(() => readCursor(raw([offset]), ['offset']))).toBe('BAD_USER_INPUT');
  });
});
