// Test-only helpers (not exported from the package index): projects as an export job would
// hand them to the writer, with the names and texts real users (and attackers) type.
import { stableGuid } from '../lib/refi/guid';
import { type QdaCode, type QdaProject } from '../lib/refi/model';

/**
 * Strings that break naive XML writing: markup, entity and character references, both quotes, a
 * CDATA end, line breaks of every kind (which XML would normalize), tabs, a DOCTYPE lookalike.
 */
export const HOSTILE = [
  '<script>alert("x")</script> & <b>bold</b>',
  'Tom & Jerry\'s "quotes" &amp; &#x26; &lt; ]]> <![CDATA[ x ]]>',
  'line one\nline two\r\nline three\rend\ttab',
  '<!DOCTYPE x [<!ENTITY e "boom">]>&e;',
] as const;

/**
 * Characters XML 1.0 cannot carry at all: the writer replaces each with U+FFFD.
 * NUL, a vertical tab, ESC, a lone high surrogate, a lone low surrogate, U+FFFE.
 */
export const NOT_XML = 'a\u0000b\u000bc\u001bd\ud800e\udc00f\ufffeg';
export const NOT_XML_AS_WRITTEN = 'a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg';

/** An interview with characters outside the Basic Multilingual Plane before, inside and after selections. */
export const EMOJI_TEXT =
  'Interviewer: How did the launch go? 🚀\n\n' +
  'Participant: Honestly 😅 it was rough — the 𝒻𝒶𝓃𝒸𝓎 dashboard crashed twice 👩🏽‍💻.\n\n' +
  'Interviewer: And the team? 🧑‍🤝‍🧑';

const T0 = new Date('2024-03-01T09:30:00.000Z');

function code(id: string, name: string, extra: Partial<QdaCode> = {}): QdaCode {
  return { guid: stableGuid('tag', id), name, isCodable: true, children: [], ...extra };
}

/** Positions of `quote` in the text (UTF-16 indices, as Verbatim stores them). */
export function rangeOf(text: string, quote: string): { start: number; end: number } {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`not in the text: ${quote}`);
  return { start, end: start + quote.length };
}

/** A project with a code hierarchy, hostile names, emoji in the text, notes: everything the model holds. */
export function sampleProject(): QdaProject {
  const alice = stableGuid('user', 'u-alice');
  const frustration = code('t-frustration', HOSTILE[0], {
    color: '#D94F70',
    description: HOSTILE[1],
    noteGuids: [stableGuid('note', 'n-code')],
    children: [
      code('t-crash', 'Crashes 💥', { color: '#112233', description: HOSTILE[2] }),
      code('t-flaky', NOT_XML, { isCodable: false, children: [code('t-deep', 'Deep ✨')] }),
    ],
  });
  const delight = code('t-delight', 'Delight', { color: '#00AA55' });
  const hostileText = `${HOSTILE.join('\n\n')}\n\n${EMOJI_TEXT}`;
  return {
    name: `Launch study ${HOSTILE[0]}`,
    origin: 'Verbatim',
    description: HOSTILE[3],
    creatingUserGuid: alice,
    creationDateTime: T0,
    modifiedDateTime: new Date('2024-03-02T10:00:00.000Z'),
    users: [
      { guid: alice, name: 'Alice <admin> & "co"' },
      { guid: stableGuid('user', 'u-bo'), name: 'Bo 🐝' },
    ],
    codes: [frustration, delight],
    sources: [
      {
        guid: stableGuid('transcript', 'tr-1'),
        name: 'Interview 1 — “launch” 🚀',
        text: EMOJI_TEXT,
        description: 'Recorded on Zoom & transcribed',
        creatingUser: alice,
        creationDateTime: T0,
        selections: [
          {
            guid: stableGuid('highlight', 'h-1'),
            ...rangeOf(EMOJI_TEXT, 'Honestly 😅 it was rough'),
            description: 'Said with a laugh <3',
            creatingUser: alice,
            creationDateTime: T0,
            codings: [
              {
                guid: stableGuid('highlight-tag', 'h-1/t-frustration'),
                codeGuid: frustration.guid,
              },
              { guid: stableGuid('highlight-tag', 'h-1/t-delight'), codeGuid: delight.guid },
            ],
          },
          {
            guid: stableGuid('highlight', 'h-2'),
            ...rangeOf(EMOJI_TEXT, '𝒻𝒶𝓃𝒸𝓎 dashboard crashed twice 👩🏽‍💻'),
            codings: [
              {
                guid: stableGuid('highlight-tag', 'h-2/t-crash'),
                codeGuid: stableGuid('tag', 't-crash'),
                creatingUser: alice,
                creationDateTime: T0,
              },
            ],
            noteGuids: [stableGuid('note', 'n-highlight')],
          },
          {
            guid: stableGuid('highlight', 'h-3'),
            ...rangeOf(EMOJI_TEXT, '🧑‍🤝‍🧑'),
            codings: [
              { guid: stableGuid('highlight-tag', 'h-3/t-delight'), codeGuid: delight.guid },
            ],
          },
        ],
      },
      {
        guid: stableGuid('transcript', 'tr-2'),
        name: HOSTILE[1],
        text: hostileText,
        selections: [
          {
            guid: stableGuid('highlight', 'h-4'),
            ...rangeOf(hostileText, HOSTILE[2]),
            codings: [
              {
                guid: stableGuid('highlight-tag', 'h-4/t-deep'),
                codeGuid: stableGuid('tag', 't-deep'),
              },
            ],
          },
        ],
      },
    ],
    notes: [
      {
        guid: stableGuid('note', 'n-code'),
        name: 'About frustration',
        text: HOSTILE.join('\r\n'),
        creatingUser: alice,
        creationDateTime: T0,
      },
      {
        guid: stableGuid('note', 'n-highlight'),
        name: 'Crash memo 💬',
        text: 'Check the logs & the <stack> 🐛',
      },
    ],
    noteGuids: [stableGuid('note', 'n-code')],
  };
}
