import fc from 'fast-check';
import { createRedactor } from './redactor';

describe('createRedactor', () => {
  const all = () =>
    createRedactor({ emails: true, phones: true, names: ['María José Núñez', 'Tom Baker'] });

  it('replaces e-mail addresses with stable numbered tokens', () => {
    const r = all();
    expect(
      r.redact(
        'Write to maria.nunez+work@example.co.uk or ops@acme.io, not maria.nunez+work@EXAMPLE.co.uk.',
      ),
    ).toBe('Write to [EMAIL_1] or [EMAIL_2], not [EMAIL_1].');
    expect(r.redact('again ops@acme.io')).toBe('again [EMAIL_2]');
    expect(r.restore('He said [EMAIL_2] and [EMAIL_1]; [EMAIL_9] is unknown')).toBe(
      'He said ops@acme.io and maria.nunez+work@example.co.uk; [EMAIL_9] is unknown',
    );
    expect(r.redact('not an email: a@b, @home, user@localhost')).toBe(
      'not an email: a@b, @home, user@localhost',
    );
  });

  it.each([
    ['+44 20 7946 0958'],
    ['+1 (555) 123-4567'],
    ['(555) 123-4567'],
    ['555-123-4567'],
    ['555.123.4567'],
    ['020 7946 0018'],
    ['06 12 34 56 78'],
    ['06.12.34.56.78'],
    ['0044 20 7946 0958'],
    ['+49 30 1234567'],
    ['+33612345678'],
    ['(030) 1234567'],
  ])('redacts the phone number %s', (phone) => {
    const r = all();
    expect(r.redact(`Call me on ${phone}, thanks.`)).toBe('Call me on [PHONE_1], thanks.');
    expect(r.restore('Call me on [PHONE_1]')).toBe(`Call me on ${phone}`);
  });

  it.each([
    ['At 00:12:30 she said it.'],
    ['We started in 2019 and moved in 2021.'],
    ['From 2019 2020 2021 onwards.'],
    ['It costs $1,299.99 or €1 299 000 per year.'],
    ['It costs 1 299 000 dollars.'],
    ['We had 12345678 rows.'],
    ['Pi is 3.14159265 roughly.'],
    ['Ratios 0.5 0.25 0.125 etc.'],
    ['On 01/02/2023 and 2023-01-15.'],
    ['Version 10.0.19045.2846 of Windows.'],
    ['Server 192.168.100.200 was down.'],
    ['Timestamps 00:01:02.500 and [00:12:30].'],
  ])('leaves non-phones alone: %s', (text) => {
    expect(all().redact(text)).toBe(text);
  });

  it('maps the same phone number in different formats to the same token', () => {
    const r = all();
    expect(r.redact('+44 20 7946 0958 or 0044 20 7946 0958 or +44 (20) 7946 0958')).toBe(
      '[PHONE_1] or [PHONE_1] or [PHONE_1]',
    );
    expect(r.redact('or +1 555 123 4567')).toBe('or [PHONE_2]');
  });

  it('replaces full and first names with stable pseudonyms (case-insensitive, Unicode word boundaries)', () => {
    const r = all();
    const redacted = r.redact(
      'MARÍA JOSÉ NÚÑEZ joined; later maría said Tom was late. Tom Baker agreed. Tommy and Marías are different. Tom’s laptop.',
    );
    expect(redacted).toBe(
      'Participant A joined; later Participant A said Participant B was late. Participant B agreed. Tommy and Marías are different. Participant B’s laptop.',
    );
    // restore picks the form seen most often for each pseudonym
    expect(r.restore('“Participant B was late”, said Participant A.')).toBe(
      '“Tom was late”, said MARÍA JOSÉ NÚÑEZ.'.replace(
        'MARÍA JOSÉ NÚÑEZ',
        r.restore('Participant A'),
      ),
    );
    expect(['MARÍA JOSÉ NÚÑEZ', 'maría']).toContain(r.restore('Participant A'));
    expect(r.restore('Participant B')).toBe('Tom');
    expect(r.restore('Participant C stays')).toBe('Participant C stays');
  });

  it('handles names across line breaks and decomposed accents', () => {
    const r = all();
    expect(r.redact('Tom\nBaker and Mari\u0301a')).toBe('Participant B and Participant A');
  });

  it('does nothing for disabled kinds', () => {
    const r = createRedactor({ emails: false, phones: false, names: [] });
    const text = 'mail a@example.com or +44 20 7946 0958, Tom';
    expect(r.redact(text)).toBe(text);
    expect(r.restore('Participant A [EMAIL_1]')).toBe('Participant A [EMAIL_1]');
  });

  it('escapes regex characters in names and ignores junk names', () => {
    const r = createRedactor({
      emails: false,
      phones: false,
      names: ['', ' ', 'x', '(.*)', 'Anne-Marie O’Neil', '123'],
    });
    expect(r.redact('Anne-Marie O’Neil met Anne-Marie; (.*) stays x')).toBe(
      'Participant A met Participant A; (.*) stays x',
    );
  });

  it('restores tokens inside quotes a model returns', () => {
    const r = all();
    r.redact('Tom: my number is 020 7946 0018 and mail tom@baker.dev');
    expect(r.restore('"Participant B: my number is [PHONE_1] and mail [EMAIL_1]"')).toBe(
      '"Tom: my number is 020 7946 0018 and mail tom@baker.dev"',
    );
  });

  it('restores a quote copied from a redacted text to the words that stood there', () => {
    const r = createRedactor({
      emails: true,
      phones: true,
      names: [['Maria Lopez', 'M. Lopez'], 'Tom Baker'],
    });
    const sent = r.redact('I told Ms Lopez, and later Maria Lopez and maria agreed with Tom.');
    expect(sent).toBe(
      'I told Ms Participant A, and later Participant A and Participant A agreed with Participant B.',
    );
    // Copied verbatim: each token comes back as the form that stood in that place.
    expect(r.restore('I told Ms Participant A, and later Participant A and Participant A')).toBe(
      'I told Ms Lopez, and later Maria Lopez and maria',
    );
    // Not a copy (the model changed the words): the form seen most often, and the surname after a title.
    expect(r.restore('Ms Participant A spoke to Participant B')).toBe('Ms Lopez spoke to Tom');
  });

  it('replaces surnames alone, middle names and titled surnames in several languages', () => {
    const r = createRedactor({
      emails: false,
      phones: false,
      names: ['Maria Lopez', 'Jan van der Berg', 'Will May', 'Priya Shah'],
    });
    expect(
      r.redact(
        'Lopez said so. Mr van der Berg, Dr. Shah, Frau Lopez, Mme Shah, Sra. Lopez, Sig.ra Shah and Dhr. Berg came.',
      ),
    ).toBe(
      'Participant A said so. Mr Participant B, Dr. Participant D, Frau Participant A, Mme Participant D, Sra. Participant A, Sig.ra Participant D and Dhr. Participant B came.',
    );
    // Name words that are common words are replaced only when capitalised or after a title.
    expect(r.redact('Will said we will meet in May; may I ask Ms may?')).toBe(
      'Participant C said we will meet in Participant C; may I ask Ms Participant C?',
    );
    // A particle alone is not a name.
    expect(r.redact('the van is der and den')).toBe('the van is der and den');
  });

  it('gives every name of one person the same pseudonym', () => {
    const r = createRedactor({
      emails: false,
      phones: false,
      names: [['P3 Lopez', 'Maria Lopez'], ['Tom Baker']],
    });
    expect(r.redact('Maria, Lopez and Tom')).toBe('Participant A, Participant A and Participant B');
  });

  it.each([
    ['jane dot doe at example dot com'],
    ['Jane Dot Doe AT Example DOT com'],
    ['jane at example dot com'],
    ['jane(at)example(dot)com'],
    ['jane [at] example [dot] co [dot] uk'],
    ['jane.doe at example.com'],
    ['jane dot doe@example dot com'],
  ])('redacts the spelled-out e-mail address "%s"', (email) => {
    const r = all();
    expect(r.redact(`Write to ${email}, please.`)).toBe('Write to [EMAIL_1], please.');
    expect(r.restore('Write to [EMAIL_1], please.')).toBe(`Write to ${email}, please.`);
  });

  it('gives an address spelled out and written normally the same token', () => {
    const r = all();
    expect(r.redact('jane.doe@example.com or jane dot doe at example dot com')).toBe(
      '[EMAIL_1] or [EMAIL_1]',
    );
  });

  it.each([
    ['Email me at work, or meet us at noon.'],
    ['We looked at it. Then we left.'],
    ['Look at me at home dot'],
  ])('leaves ordinary talk with "at" and "dot" alone: %s', (text) => {
    expect(all().redact(text)).toBe(text);
  });

  it.each([
    ['2025550143'],
    ['2125551234'],
    ['+12125551234'],
    ['1-212-555-1234'],
    ['0207 946 0018'],
    ['+44 (0)20 7946 0958'],
    ['030 12345678'],
  ])('redacts the phone number %s (unformatted and national forms too)', (phone) => {
    const r = all();
    expect(r.redact(`My number is ${phone} if needed.`)).toBe('My number is [PHONE_1] if needed.');
  });

  it.each([
    ['Order 1234567890 shipped.'],
    ['Ticket 9876543210 is closed.'],
    ['It took 12 34 56 seconds.'],
  ])('does not take a plain ten-digit identifier for a phone number: %s', (text) => {
    expect(all().redact(text)).toBe(text);
  });

  it('redacts unformatted and formatted forms of one US number to one token', () => {
    const r = all();
    expect(r.redact('2125551234, (212) 555-1234 or +1 212 555 1234')).toBe(
      '[PHONE_1], [PHONE_1] or [PHONE_1]',
    );
  });

  it('takes numbers without a country code as numbers of the region it is given', () => {
    const fr = createRedactor({ emails: false, phones: true, names: [], phoneRegion: 'FR' });
    expect(fr.redact('Appelez le 0612345678 ou le 2125551234.')).toBe(
      'Appelez le [PHONE_1] ou le 2125551234.',
    );
  });

  it('sends none of the names, addresses or numbers, and restores any text to its own words', () => {
    const people = [['Maria Lopez', 'M. Lopez'], ['Tom Baker'], ['Priya Shah']];
    const fragment = fc.constantFrom(
      'Maria',
      'maria lopez',
      'Ms Lopez',
      'LOPEZ',
      'Tom',
      'Mr Baker',
      'Priya Shah',
      'Dr. Shah',
      'jane dot doe at example dot com',
      'tom@baker.dev',
      '2125551234',
      '+44 20 7946 0958',
      '(555) 123-4567',
      'the price',
      'we met at noon',
      'in 2019',
      ',',
      '.',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
        const r = createRedactor({ emails: true, phones: true, names: people });
        const text = parts.join(' ');
        const sent = r.redact(text);
        expect(sent).not.toMatch(
          /maria|lopez|tom\b|baker|priya|shah|jane|doe|2125551234|7946|555\)/i,
        );
        expect(r.restore(sent)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('stays linear on hostile input', () => {
    const r = all();
    const inputs = [
      'a'.repeat(200_000),
      'a.'.repeat(100_000) + '@',
      'a@' + 'b.'.repeat(100_000),
      '1 '.repeat(100_000),
      '+1'.repeat(100_000),
      '0'.repeat(200_000),
      '(1'.repeat(100_000),
      'Tom '.repeat(50_000),
      '@'.repeat(100_000),
    ];
    for (const input of inputs) {
      const out = r.redact(input);
      expect(typeof out).toBe('string');
      expect(typeof r.restore(out)).toBe('string');
    }
    expect(r.redact('')).toBe('');
  });
});
