import { HOSTILE, NOT_XML, sampleProject } from '../../testing/sample-project';
import { describeWithXmllint, validateAgainstSchema } from '../../testing/xmllint';
import { InteropError } from '../interop-error';
import { stableGuid } from './guid';
import { type QdaCode } from './model';
import { readCodebook } from './read-codebook';
import { writeCodebook } from './write-codebook';

function code(name: string, extra: Partial<QdaCode> = {}): QdaCode {
  return { guid: stableGuid('tag', name), name, isCodable: true, children: [], ...extra };
}

function refusal(write: () => unknown): InteropError {
  try {
    write();
  } catch (error) {
    if (error instanceof InteropError) return error;
    throw error;
  }
  throw new Error('expected the writer to refuse');
}

describeWithXmllint('writeCodebook against Codebook.xsd', () => {
  it('writes a valid codebook with a hierarchy, colours, descriptions and hostile names', () => {
    const xml = writeCodebook({ codes: sampleProject().codes });
    expect(validateAgainstSchema(xml, 'codebook')).toEqual({ valid: true, output: '- validates' });
  });

  it('writes every hostile string as a valid name and description', () => {
    const codes = [...HOSTILE, NOT_XML, '', ' '].map((name, i) =>
      code(`c${i}`, { name, description: name }),
    );
    const xml = writeCodebook({ codes, origin: HOSTILE[1] });
    expect(validateAgainstSchema(xml, 'codebook').valid).toBe(true);
  });
});

describe('writeCodebook', () => {
  it('writes the namespace the standard gives codebooks and the codes in order', () => {
    const xml = writeCodebook({ codes: [code('b'), code('a', { children: [code('a.1')] })] });
    expect(xml).toContain('<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Verbatim">');
    const { codebook } = readCodebook(xml);
    expect(codebook.codes.map((c) => c.name)).toEqual(['b', 'a']);
    expect(codebook.codes[1]?.children.map((c) => c.name)).toEqual(['a.1']);
  });

  it('writes colours upper case, as #RRGGBB', () => {
    const xml = writeCodebook({ codes: [code('x', { color: '#a1b2c3' })] });
    expect(xml).toContain('color="#A1B2C3"');
  });

  it('refuses what the schema cannot hold, saying what is wrong', () => {
    expect(refusal(() => writeCodebook({ codes: [] })).message).toMatch(/at least one code/);
    expect(refusal(() => writeCodebook({ codes: [code('x', { color: 'red' })] })).code).toBe(
      'INVALID_MODEL',
    );
    expect(
      refusal(() => writeCodebook({ codes: [code('x', { guid: 'tag-42' })] })).message,
    ).toMatch(/“tag-42”, which is not a GUID/);
    const twice = code('x');
    expect(
      refusal(() => writeCodebook({ codes: [twice, { ...twice, name: 'y' }] })).message,
    ).toMatch(/Two codes have the GUID/);
  });

  it('gives the same bytes for the same codebook', () => {
    expect(writeCodebook({ codes: sampleProject().codes })).toBe(
      writeCodebook({ codes: sampleProject().codes }),
    );
  });
});
