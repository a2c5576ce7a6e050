import { attachmentDisposition } from './content-disposition';

describe('attachmentDisposition', () => {
  it('keeps a plain name as it is in both parameters', () => {
    expect(attachmentDisposition('highlights.csv')).toBe(
      `attachment; filename="highlights.csv"; filename*=UTF-8''highlights.csv`,
    );
  });

  it('gives non-ASCII names exactly in filename* and a readable ASCII fallback', () => {
    const header = attachmentDisposition('Étude – café “α”.xlsx');
    expect(header).toContain(`filename="Etude _ cafe _α_.xlsx"`.replace('α', '_'));
    const star = /filename\*=UTF-8''(.+)$/.exec(header)![1]!;
    expect(decodeURIComponent(star)).toBe('Étude – café “α”.xlsx');
  });

  it('cannot be broken out of by quotes, backslashes or apostrophes', () => {
    const header = attachmentDisposition(`a"b\\c'd(e).csv`);
    expect(header).toContain('filename="abc\'d(e).csv"');
    expect(header).toContain(`filename*=UTF-8''a%22b%5Cc%27d%28e%29.csv`);
  });
});
