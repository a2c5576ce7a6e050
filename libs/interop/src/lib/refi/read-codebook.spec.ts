import { fixtureText } from '../../testing/xmllint';
import { InteropError } from '../interop-error';
import { type QdaReadLimits } from './limits';
import { readCodebook } from './read-codebook';

function refusal(xml: string, limits?: Partial<QdaReadLimits>): InteropError {
  try {
    readCodebook(xml, limits);
  } catch (error) {
    if (error instanceof InteropError) return error;
    throw error;
  }
  throw new Error('expected the codebook to be refused');
}

const ROOT = '<CodeBook xmlns="urn:QDA-XML:codebook:1.0">';
const qdc = (codes: string, prolog = '<?xml version="1.0" encoding="utf-8"?>'): string =>
  `${prolog}${ROOT}<Codes>${codes}</Codes></CodeBook>`;
const GUID = '1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294';

const CODE = (n: number): string =>
  `<Code guid="00000000-0000-4000-8000-${String(n).padStart(12, '0')}" name="c${n}" isCodable="true"/>`;

describe('readCodebook: files real tools wrote', () => {
  it('reads the ATLAS.ti export: the code with its colour and description, the set as a warning', () => {
    const { codebook, warnings } = readCodebook(fixtureText('qdc/atlasti-23.4-codebook-valid.qdc'));
    expect(codebook).toEqual({
      origin: 'ATLAS.ti Win 23.4.0',
      codes: [
        {
          guid: '1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294',
          name: 'code1',
          color: '#46AA00',
          description: 'description',
          isCodable: true,
          children: [],
        },
      ],
    });
    expect(warnings).toEqual([
      {
        code: 'UNSUPPORTED_CONTENT',
        message:
          '1 set (“code group 1”) was not imported: Verbatim has no sets of codes or sources.',
      },
    ]);
  });

  it('reads the Taguette export, whose empty <Sets/> the schema forbids, without a warning', () => {
    const { codebook, warnings } = readCodebook(fixtureText('qdc/taguette-expected-codebook.qdc'));
    expect(codebook.codes.map((c) => [c.name, c.guid, c.color])).toEqual([
      ['interesting', '0D62985D-B147-5D01-A9B5-CAE5DCD98342', undefined],
      ['people', 'DFE5C38E-9449-5959-A1F7-E3D895CFA87F', undefined],
      ['interesting.places', '725F0645-9CD3-598A-8D2B-EC3D39AB3C3F', undefined],
    ]);
    expect(warnings).toEqual([]);
  });

  it('refuses the truncated ATLAS.ti export, saying it was cut off and where', () => {
    const error = refusal(fixtureText('qdc/atlasti-23.4-codebook-truncated-cs.qdc'));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toBe(
      'This codebook file ends before it is complete (line 17): it was probably cut off while ' +
        'being saved, copied or downloaded.',
    );
  });

  it('reads the draft namespace ATLAS.ti writes (urn:QDA-XML:codebook:0:4) and its Czech text', () => {
    const truncated = fixtureText('qdc/atlasti-23.4-codebook-truncated-cs.qdc');
    const whole = `${truncated.slice(0, truncated.lastIndexOf('<Code'))}</Codes></CodeBook>`;
    const { codebook, warnings } = readCodebook(whole);
    expect(warnings).toEqual([]);
    expect(codebook.codes.map((c) => c.name)).toEqual(['code1', 'code2', 'code3', 'subcode 2.1']);
    expect(codebook.codes[2]?.children.map((c) => c.name)).toEqual(['subcode 3.1']);
    expect(codebook.codes[0]?.description).toBe('popisek - nebo přesněji Comment - kódu 1');
  });
});

describe('readCodebook: leniency', () => {
  it('reads #RGB colours, lower-case and braced GUIDs; a colour it cannot read is a warning', () => {
    const { codebook, warnings } = readCodebook(
      qdc(
        '<Code guid="{1ff58b12-6f6f-4b0c-8be5-bbdc91f55294}" name="a" isCodable="1" color="#f80"/>' +
          '<Code guid="2ff58b12-6f6f-4b0c-8be5-bbdc91f55294" name="b" isCodable="false" color="red"/>',
      ),
    );
    expect(codebook.codes).toEqual([
      {
        guid: '1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294',
        name: 'a',
        isCodable: true,
        color: '#FF8800',
        children: [],
      },
      { guid: '2FF58B12-6F6F-4B0C-8BE5-BBDC91F55294', name: 'b', isCodable: false, children: [] },
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      '1 code (“b”) had a colour that is not #RRGGBB, so it was imported without one.',
    ]);
  });

  it('reads a codebook without a namespace, and says so', () => {
    const { codebook, warnings } = readCodebook(
      qdc(CODE(1)).replace(' xmlns="urn:QDA-XML:codebook:1.0"', ''),
    );
    expect(codebook.codes.map((c) => c.name)).toEqual(['c1']);
    expect(warnings.map((w) => w.message)).toEqual([
      'This codebook file has no namespace (it should be urn:QDA-XML:codebook:1.0); it was read as QDA-XML 1.0.',
    ]);
  });

  it('names elements it does not know instead of dropping them silently', () => {
    const { warnings } = readCodebook(
      qdc(`<Code guid="${GUID}" name="a" isCodable="true"><Extra/><Extra/></Code>`),
    );
    expect(warnings).toEqual([
      { code: 'UNKNOWN_ELEMENT', message: '2 <Extra> elements unknown to Verbatim were skipped.' },
    ]);
  });
});

describe('readCodebook: refusals', () => {
  it('refuses a DOCTYPE with entities (billion laughs) before expanding anything', () => {
    const entities = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
    );
    const doctype = `<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY lol "lol">${entities.join('')}]>`;
    const error = refusal(qdc(`<Code guid="${GUID}" name="&lol9;" isCodable="true"/>`, doctype));
    expect(error.code).toBe('DTD_FORBIDDEN');
    expect(error.message).toMatch(/declares a document type/);
  });

  it('refuses an external entity without reading it', () => {
    const doctype = '<!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file:///etc/passwd">]>';
    expect(refusal(qdc(`<Code guid="${GUID}" name="&x;" isCodable="true"/>`, doctype)).code).toBe(
      'DTD_FORBIDDEN',
    );
  });

  it('refuses an entity it was never told about rather than guessing', () => {
    expect(refusal(qdc(`<Code guid="${GUID}" name="&nbsp;" isCodable="true"/>`)).code).toBe(
      'MALFORMED',
    );
  });

  it('refuses codes nested deeper than the limit', () => {
    const depth = 200;
    const nested = `${Array.from({ length: depth }, (_, i) => CODE(i).replace('/>', '>')).join('')}${'</Code>'.repeat(depth)}`;
    const error = refusal(qdc(nested));
    expect(error.code).toBe('TOO_DEEP');
    expect(error.message).toMatch(/more than 100 deep/);
  });

  it('refuses more codes than the limit', () => {
    const codes = Array.from({ length: 11 }, (_, i) => CODE(i)).join('');
    expect(readCodebook(qdc(codes), { maxCodes: 11 }).codebook.codes).toHaveLength(11);
    const error = refusal(qdc(codes), { maxCodes: 10 });
    expect(error.code).toBe('TOO_MANY_ITEMS');
    expect(error.message).toBe('This codebook file has more than 10 codes, so it is refused.');
  });

  it('refuses a code without a GUID, a project file, and what is not XML', () => {
    expect(refusal(qdc('<Code name="x" isCodable="true"/>')).message).toMatch(/line 1 has no guid/);
    expect(refusal('<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>').code).toBe('NOT_QDA');
    expect(refusal('name,description\nx,y\n').code).toBe('MALFORMED');
  });

  it('refuses a file larger than the limit before reading it', () => {
    expect(refusal(qdc(CODE(1)), { maxEntryBytes: 100 }).code).toBe('ENTRY_TOO_LARGE');
  });
});
