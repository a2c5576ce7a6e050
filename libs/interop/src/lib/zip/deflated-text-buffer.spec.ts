import { DeflatedTextBuffer } from './deflated-text-buffer';

describe('DeflatedTextBuffer', () => {
  it('gives back exactly the text written, emoji and all, across many blocks', () => {
    const buffer = new DeflatedTextBuffer();
    const pieces = Array.from(
      { length: 5_000 },
      (_, i) => `<Selection n="${i}">😅 ü ${'x'.repeat(i % 97)}</Selection>\n`,
    );
    pieces.forEach((piece) => buffer.write(piece));
    const read = Buffer.concat([...buffer.read()]).toString('utf8');
    expect(read).toBe(pieces.join(''));
  });

  it('holds repetitive XML in a fraction of its size', () => {
    const buffer = new DeflatedTextBuffer();
    let written = 0;
    for (let i = 0; i < 20_000; i++) {
      const piece =
        `<PlainTextSelection guid="${(i * 2654435761).toString(16).padStart(8, '0').toUpperCase()}-0000-5000-8000-${String(i).padStart(12, '0')}" ` +
        `startPosition="${i * 40}" endPosition="${i * 40 + 38}"><Coding guid="${String(i).padStart(8, '0')}-1111-5000-8000-000000000000">` +
        '<CodeRef targetGUID="D5C9F89F-B50B-5B0E-B056-A91AB7B61824"/></Coding></PlainTextSelection>\n';
      written += Buffer.byteLength(piece);
      buffer.write(piece);
    }
    expect(buffer.bytesHeld).toBeLessThan(written / 3);
  });
});
