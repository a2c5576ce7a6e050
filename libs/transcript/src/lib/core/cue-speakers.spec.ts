import { cuesToUtterances, type TimedCue } from './cue-speakers';

function cue(i: number, text: string): TimedCue {
  return { startMs: i * 3000, endMs: i * 3000 + 2000, pieces: [{ voice: null, text }] };
}

const read = (texts: string[]) =>
  cuesToUtterances(texts.map((t, i) => cue(i, t))).map((u) => [u.speaker, u.text]);

describe('cuesToUtterances: the Teams-in-Word name line', () => {
  it('reads `name line` + text in every cue as speaker and utterance', () => {
    expect(read(['Some Body\nOK. Yeah.', 'James Bond\nUmm.'])).toEqual([
      ['Some Body', 'OK. Yeah.'],
      ['James Bond', 'Umm.'],
    ]);
  });

  it('needs one name line that is plainly a speaker: a full name, a role or a code', () => {
    expect(read(['Häuser\nyes', 'AT&T\n0'])).toEqual([
      [null, 'Häuser yes'],
      [null, 'AT&T 0'],
    ]);
    expect(read(['Interviewer\nHow was it?', 'Sam\nFine.'])).toEqual([
      ['Interviewer', 'How was it?'],
      ['Sam', 'Fine.'],
    ]);
  });

  it('keeps the first line as text when what follows it in a cue has no letter or digit', () => {
    expect(read(['AT&T\n^', 'Έ\n<contact'])).toEqual([
      [null, 'AT&T ^'],
      [null, 'Έ <contact'],
    ]);
    expect(read(['Some Body\n...', 'James Bond\nUmm.'])).toEqual([
      [null, 'Some Body ...'],
      [null, 'James Bond Umm.'],
    ]);
  });
});
