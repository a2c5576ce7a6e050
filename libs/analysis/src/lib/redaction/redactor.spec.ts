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
