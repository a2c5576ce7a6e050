import { isGuid, normalizeGuid, stableGuid, uuidV5 } from './guid';

describe('GUIDs', () => {
  it('derives name-based UUIDs (version 5) as RFC 4122 does', () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org')
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313E1-3B8A-5372-9B90-0C9AEE199E5D',
    );
  });

  it('gives a Verbatim row the same upper-case GUID every time, distinct per kind', () => {
    const tag = stableGuid('tag', '42');
    expect(stableGuid('tag', '42')).toBe(tag);
    expect(stableGuid('transcript', '42')).not.toBe(tag);
    expect(tag).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  });

  it('compares GUIDs as tools write them: braces, either case, NVivo’s hex-encoded text', () => {
    expect(normalizeGuid(' {1ff58b12-6f6f-4b0c-8be5-bbdc91f55294} ')).toBe(
      '1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294',
    );
    expect(isGuid('34653336-3766-3235-6466-363134396437')).toBe(true);
    expect(normalizeGuid('not-a-guid')).toBe('not-a-guid');
    expect(isGuid('not-a-guid')).toBe(false);
  });
});
