import fc from 'fast-check';
import { isGenericSpeakerLabel } from './generic-speaker-label';

describe('isGenericSpeakerLabel', () => {
  // Labels as real exports write them (libs/transcript/fixtures and public transcripts):
  // Deepgram and AssemblyAI JSON, whisper-ctranslate2's diarised Catalan, Otter, Rev,
  // a public board meeting transcript (Speaker 1..23, Committee 1, Com 7) and Zoom classes.
  it.each([
    'Speaker 1',
    'Speaker 01',
    'Speaker 23',
    'speaker 3',
    'SPEAKER_00',
    'SPEAKER_01',
    'spk_0',
    'spk0',
    'Spk 12',
    'Unknown Speaker',
    'Unknown speaker 2',
    'UNKNOWN',
    'Unknown',
    '[Unknown]',
    'Speaker A',
    'Speaker B:',
    'Participant 2',
    'Participant #2',
    'Participant',
    'Guest',
    'Guest 1',
    'Student A',
    'Student Q',
    'Committee 1',
    'Com 7',
    'admin-1',
    'MAN',
    'Female speaker',
    'Interviewee',
    'Respondent 4',
    'Interviewer 2',
    'Moderator A',
    'Audience member',
    'Multiple speakers',
    'Speaker No. 3',
    'P',
    'P1',
    'A',
    'S2',
    '1',
    '?',
    'Sprecher 1',
    'Sprecher*in 2',
    'Teilnehmerin 3',
    'Befragte',
    'Unbekannter Sprecher',
    'Intervenant 1',
    'Intervenante 2',
    'Locuteur inconnu',
    'Invitée',
    'Hablante 1',
    'Entrevistada',
    'Participante 3',
    'Falante 2',
    'Partecipante 1',
    'Spreker 2',
    'Parlant 1',
    '話者1',
    '說話人 2',
    '说话人1',
    '화자 1',
    'Спикер 2',
  ])('%s is generic', (label) => {
    expect(isGenericSpeakerLabel(label)).toBe(true);
  });

  it.each([
    'Maria',
    'Emma',
    'Kelly',
    'Sidney',
    'Max Bigman',
    'Srijani Ghosh',
    'Dr. Melissa Ko',
    'Dr. Chen',
    'Professor Smith',
    'Mr. Dabor',
    'Ms. Ofek',
    'Khalilah Beal-Uribe',
    'Yuri Bakulin',
    'Roger Bingham',
    'Malcolm X',
    'Ana Lima',
    'José Müller',
    'Interviewer Maria',
    'Speaker 1 - Maria',
    'Interviewer',
    'Moderator',
    'I',
    'Q',
    'Entrevistador',
    'Zoë',
    '山田太郎',
    'Иван Петров',
  ])('%s names someone', (label) => {
    expect(isGenericSpeakerLabel(label)).toBe(false);
  });

  it('treats every role word with any index, separator and case as generic', () => {
    const role = fc.constantFrom(
      'Speaker',
      'SPEAKER',
      'speaker',
      'Spk',
      'Participant',
      'Guest',
      'Unknown Speaker',
      'Sprecher',
      'Intervenant',
      'Hablante',
      'Respondent',
    );
    const index = fc.oneof(
      fc.nat({ max: 999 }).map(String),
      fc.nat({ max: 99 }).map((n) => String(n).padStart(2, '0')),
      fc.constantFrom(...'ABCDEFGH'),
    );
    const separator = fc.constantFrom(' ', '_', '-', ' #', '  ', '. ');
    const wrap = fc.constantFrom(
      (s: string) => s,
      (s: string) => `[${s}]`,
      (s: string) => `${s}:`,
    );
    fc.assert(
      fc.property(role, separator, index, wrap, (r, sep, i, w) =>
        isGenericSpeakerLabel(w(`${r}${sep}${i}`)),
      ),
    );
  });

  it('never takes a first and last name for a generic label', () => {
    const name = fc.constantFrom('Maria', 'Jonas', 'Aiko', 'Olu', 'Priya', 'Ahmed', 'Léa', 'Ana');
    const surname = fc.constantFrom('Okafor', 'Lindqvist', 'Tanaka', 'García', 'Nowak', 'Moreno');
    fc.assert(fc.property(name, surname, (n, s) => !isGenericSpeakerLabel(`${n} ${s}`)));
  });
});
