import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../markdown/markdown';
import {
  type MentionCandidate,
  asMentioned,
  insertMention,
  matchMembers,
  mentionQueryAt,
  mentionReference,
  referencedIds,
  toEditable,
  toStored,
} from './mentions';

const MAYA: MentionCandidate = {
  id: '0b6c3a52-6f0e-4b7e-9a57-3c1f0e2d4a11',
  name: 'Maya Editor',
  email: 'maya@example.com',
};
const ANA: MentionCandidate = { id: '1c7d4b63-7a1f-4c8f-8b68-4d2a1f3e5b22', name: 'Ana' };
const ANA_LIMA: MentionCandidate = {
  id: '2d8e5c74-8b2a-4d9a-9c79-5e3b2a4f6c33',
  name: 'Ana Lima',
  email: 'lima@example.com',
};
const JOSE: MentionCandidate = {
  id: '3e9f6d85-9c3b-4eab-8d8a-6f4c3b5a7d44',
  name: 'José Ñúñez',
  email: 'jose@example.com',
};
const MEMBERS = [MAYA, ANA, ANA_LIMA, JOSE];

/** The caret at the end of `text`, as it is while typing. */
const typing = (text: string) => mentionQueryAt(text, text.length);

describe('the @ that opens the member list', () => {
  it('opens at the start, after a space, and after an opening bracket or quote', () => {
    expect(typing('@')).toEqual({ start: 0, end: 1, query: '' });
    expect(typing('Thanks @ma')).toEqual({ start: 7, end: 10, query: 'ma' });
    expect(typing('(cc @Ana Li')).toEqual({ start: 4, end: 11, query: 'Ana Li' });
    expect(typing('“@jo')?.query).toBe('jo');
  });

  it('stays shut inside an e-mail address, on another line, after a space, and far back', () => {
    expect(typing('write to maya@exa')).toBeNull();
    expect(typing('@maya\nand then')).toBeNull();
    expect(typing('@ maya')).toBeNull();
    expect(typing('@Ana  Lima')).toBeNull();
    expect(typing(`@${'x'.repeat(41)}`)).toBeNull();
  });

  it('reads up to the caret, not to the end of the text', () => {
    const text = 'Hi @Ma, see above';
    expect(mentionQueryAt(text, 6)).toEqual({ start: 3, end: 6, query: 'Ma' });
    expect(mentionQueryAt(text, text.length)).toBeNull();
  });
});

describe('the members offered', () => {
  it('puts names that start with the text first, then a later word, an e-mail, or the middle', () => {
    const members = [
      { id: 'a', name: 'Bob Anders' },
      { id: 'b', name: 'Ana Lima' },
      { id: 'c', name: 'Zed', email: 'anaz@example.com' },
      { id: 'd', name: 'Diana' },
    ];
    expect(matchMembers(members, 'an').map((m) => m.name)).toEqual([
      'Ana Lima',
      'Bob Anders',
      'Zed',
      'Diana',
    ]);
  });

  it('ignores case and accents, leaves out yourself, and offers everyone for a bare @', () => {
    expect(matchMembers(MEMBERS, 'nunez')).toEqual([JOSE]);
    expect(matchMembers(MEMBERS, 'MAYA')).toEqual([MAYA]);
    expect(matchMembers(MEMBERS, '', 8, [MAYA.id]).map((m) => m.name)).toEqual([
      'Ana',
      'Ana Lima',
      'José Ñúñez',
    ]);
    expect(matchMembers(MEMBERS, '', 2)).toHaveLength(2);
    expect(matchMembers(MEMBERS, 'nobody')).toEqual([]);
  });
});

describe('choosing a member', () => {
  it('replaces what was typed after the @ with the name and a space, caret after it', () => {
    const text = 'Thanks @ma';
    expect(insertMention(text, typing(text)!, MAYA)).toEqual({
      text: 'Thanks @Maya Editor ',
      caret: 20,
    });
  });

  it('adds no space before punctuation that follows, and keeps the rest of the text', () => {
    const text = 'Ask @an, then @ma.';
    const at = mentionQueryAt(text, 7)!;
    expect(insertMention(text, at, ANA_LIMA)).toEqual({
      text: 'Ask @Ana Lima, then @ma.',
      caret: 13,
    });
  });

  it('tells apart two people of the same name, and each is stored as who was chosen', () => {
    const other: MentionCandidate = {
      id: '2d8e5c74-8b2a-4d9f-9c79-5e3b2a4f6c33',
      name: 'Maya Editor',
      email: 'maya.e@example.org',
    };
    const first = asMentioned(MAYA, []);
    expect(first).toBe(MAYA);
    const second = asMentioned(other, [first]);
    expect(second.name).toBe('Maya Editor (maya.e)');
    // Chosen again, each reads as before.
    expect(asMentioned(other, [first, second])).toBe(second);
    expect(asMentioned(MAYA, [first, second])).toBe(first);

    const { mentionIds, body } = toStored('@Maya Editor and @Maya Editor (maya.e), both?', [
      first,
      second,
    ]);
    expect(mentionIds).toEqual([MAYA.id, other.id]);
    expect(referencedIds(body)).toEqual([MAYA.id, other.id]);
  });
});

describe('what is stored', () => {
  it('turns each chosen @Name into a reference to its id, and lists the ids', () => {
    const { body, mentionIds } = toStored('  @Maya Editor can you check? cc @Ana Lima  ', [
      MAYA,
      ANA_LIMA,
    ]);
    expect(body).toBe(
      `[@Maya Editor](mention:${MAYA.id}) can you check? cc [@Ana Lima](mention:${ANA_LIMA.id})`,
    );
    expect(mentionIds).toEqual([MAYA.id, ANA_LIMA.id]);
  });

  it('tells apart names that begin alike, and leaves out people whose name was deleted', () => {
    const { body, mentionIds } = toStored('@Ana and @Ana Lima, @Anabel', [ANA, ANA_LIMA, MAYA]);
    expect(body).toBe(`[@Ana](mention:${ANA.id}) and [@Ana Lima](mention:${ANA_LIMA.id}), @Anabel`);
    expect(mentionIds).toEqual([ANA.id, ANA_LIMA.id]);
  });

  it('leaves an @ inside an e-mail address, and a name not chosen, as text', () => {
    expect(toStored('mail x@Ana or @Someone', [ANA])).toEqual({
      body: 'mail x@Ana or @Someone',
      mentionIds: [],
    });
  });

  it('escapes brackets in a name so the reference stays one link', () => {
    const odd = { id: MAYA.id, name: 'Maya [PM]' };
    expect(mentionReference(odd)).toBe(`[@Maya \\[PM\\]](mention:${MAYA.id})`);
    expect(referencedIds(toStored('@Maya [PM] hi', [odd]).body)).toEqual([MAYA.id]);
  });

  it('goes back and forth between the stored body and the text an edit starts from', () => {
    const stored = toStored('@José Ñúñez and @Maya Editor: @José Ñúñez again', [JOSE, MAYA]);
    const editable = toEditable(stored.body);
    expect(editable.text).toBe('@José Ñúñez and @Maya Editor: @José Ñúñez again');
    expect(editable.chosen).toEqual([
      { id: JOSE.id, name: JOSE.name },
      { id: MAYA.id, name: MAYA.name },
    ]);
    expect(toStored(editable.text, editable.chosen)).toEqual(stored);
    expect(referencedIds(stored.body)).toEqual([JOSE.id, MAYA.id]);
  });
});

describe('how a mention is shown', () => {
  function dom(markdown: string, names?: Map<string, string>): HTMLElement {
    const host = document.createElement('div');
    host.innerHTML = renderMarkdown(markdown, names ? { mentions: names } : {});
    return host;
  }

  it('shows a mention as @ and the name the api gives now, not as a link', () => {
    const body = toStored('@Maya Editor please look', [MAYA]).body;
    const host = dom(body, new Map([[MAYA.id, 'Maya Ortega']]));
    const mention = host.querySelector('span.mention')!;
    expect(mention.textContent).toBe('@Maya Ortega');
    expect(host.querySelector('a')).toBeNull();
    expect(host.textContent?.trim()).toBe('@Maya Ortega please look');
  });

  it('shows the words written for someone the api did not keep as mentioned', () => {
    const host = dom(`[@Ana](mention:${ANA.id}) hi`, new Map([[MAYA.id, 'Maya']]));
    expect(host.querySelector('.mention')).toBeNull();
    expect(host.querySelector('a')).toBeNull();
    expect(host.textContent?.trim()).toBe('@Ana hi');
  });

  it('escapes a name, and keeps no class a body writes itself', () => {
    const host = dom(
      `[@x](mention:${MAYA.id}) <span class="mention">fake</span>`,
      new Map([[MAYA.id, '<img src=x onerror=alert(1)>']]),
    );
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelectorAll('[class]')).toHaveLength(1);
    expect(host.querySelector('.mention')!.textContent).toBe('@<img src=x onerror=alert(1)>');
    expect(host.textContent).toContain('<span class="mention">fake</span>');
  });

  it('shows a mention as its words where no names are given (an insight)', () => {
    const host = dom(`[@Maya Editor](mention:${MAYA.id})`);
    expect(host.querySelector('.mention, a')).toBeNull();
    expect(host.textContent?.trim()).toBe('@Maya Editor');
  });
});
