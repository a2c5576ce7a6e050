import { TestApp, type TestUser } from '../../../test/test-app';
import { wsSubscribe } from '../../../test/ws-client';

// Theme boards: highlights from many interviews sorted into themes, arranged by several people
// at once without losing a move.

const CARD = `id position version themeId text highlight { id quote }`;
const BOARD = `query($id: ID!) { board(id: $id) {
  id name version
  themes { id title description color position version cards { ${CARD} } }
  unsorted { ${CARD} }
} }`;
const CREATE_BOARD = `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id name version themes { id } unsorted { id } } }`;
const CREATE_THEME = `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id title color position version } }`;
const ADD_CARDS = `mutation($i: AddCardsInput!) { addCards(input: $i) { ${CARD} } }`;
const MOVE_CARD = `mutation($i: MoveCardInput!) { moveCard(input: $i) { ${CARD} } }`;
const MOVE_THEME = `mutation($i: MoveThemeInput!) { moveTheme(input: $i) { id position version } }`;
const EVIDENCE = `query($id: ID!, $a: String) { board(id: $id) { themes { id
  evidence(attribute: $a) { highlights participants transcripts warning breakdown { value highlights participants } } } } }`;

interface Card {
  id: string;
  position: string;
  version: number;
  themeId: string | null;
  text: string | null;
  highlight: { id: string; quote: string } | null;
}
interface Theme {
  id: string;
  title: string;
  description: string;
  color: string;
  position: string;
  version: number;
  cards: Card[];
}
interface Board {
  id: string;
  name: string;
  version: number;
  themes: Theme[];
  unsorted: Card[];
}

const INTERVIEWS = [
  [
    'Ana',
    'Onboarding took me two weeks.',
    'The setup guide was out of date and the export button is hidden.',
  ],
  [
    'Ben',
    'I never found the export button.',
    'I asked support, and the onboarding call helped a lot.',
  ],
  ['Cleo', 'Pricing is confusing.', 'The seats, and onboarding new seats costs extra.'],
].map(
  ([who, first, second]) =>
    `Interviewer: Tell me about your first month.\n\n${who}: ${first}\n\nInterviewer: Why was that?\n\n${who}: ${second}\n`,
);

describe('theme boards', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;
  /** Highlights of the project: one per interview turn that has a speaker other than the interviewer. */
  let highlights: { id: string; quote: string; transcriptId: string }[];
  /** The interviews with Ana, Ben and Cleo, in that order. */
  let transcriptIds: string[];

  const board = async (id: string, token = owner.token) =>
    (await t.ok<{ board: Board }>(BOARD, { id }, token)).board;
  const newBoard = async (name = 'Synthesis') =>
    (await t.ok<{ createBoard: Board }>(CREATE_BOARD, { i: { projectId, name } }, owner.token))
      .createBoard;
  const theme = async (boardId: string, title: string) =>
    (await t.ok<{ createTheme: Theme }>(CREATE_THEME, { i: { boardId, title } }, owner.token))
      .createTheme;
  const add = async (boardId: string, highlightIds: string[], themeId: string | null = null) =>
    (
      await t.ok<{ addCards: Card[] }>(
        ADD_CARDS,
        { i: { boardId, highlightIds, themeId } },
        owner.token,
      )
    ).addCards;
  const move = (
    card: { id: string; version: number },
    themeId: string | null,
    afterCardId: string | null,
    token = owner.token,
  ) =>
    t.gql<{ moveCard: Card }>(
      MOVE_CARD,
      { i: { cardId: card.id, themeId, afterCardId, version: card.version } },
      token,
    );
  const quotes = (cards: Card[]) => cards.map((c) => c.highlight?.quote ?? c.text);

  beforeAll(async () => {
    t = await TestApp.start();
    const p = await t.newProject();
    owner = p.user;
    projectId = p.projectId;
    highlights = [];
    transcriptIds = [];
    for (const [i, text] of INTERVIEWS.entries()) {
      const res = await t.upload(projectId, owner.token, {
        name: `interview-${i + 1}.txt`,
        bytes: text,
      });
      const transcript = await t.waitForTranscript(res.body['id'] as string, owner.token);
      transcriptIds.push(transcript.id);
      for (const turn of transcript.segments.filter((s) => s.speaker !== 'Interviewer')) {
        const h = await t.ok<{ createHighlight: { id: string; quote: string } }>(
          `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id quote } }`,
          {
            i: {
              transcriptId: transcript.id,
              start: { segmentId: turn.id, offset: 0 },
              end: { segmentId: turn.id, offset: turn.text.length },
            },
          },
          owner.token,
        );
        highlights.push({ ...h.createHighlight, transcriptId: transcript.id });
      }
    }
  });
  afterAll(() => t.close());

  it('builds a board: themes in order, cards in order, the rest unsorted', async () => {
    const b = await newBoard('Onboarding study');
    expect(b).toMatchObject({ name: 'Onboarding study', themes: [], unsorted: [] });
    const friction = await theme(b.id, 'Onboarding friction');
    const findability = await theme(b.id, 'Findability');
    expect(friction.position < findability.position).toBe(true);

    await add(b.id, [highlights[0]!.id, highlights[1]!.id], friction.id);
    await add(b.id, [highlights[2]!.id, highlights[3]!.id]);
    const read = await board(b.id);
    expect(read.themes.map((x) => x.title)).toEqual(['Onboarding friction', 'Findability']);
    expect(quotes(read.themes[0]!.cards)).toEqual([highlights[0]!.quote, highlights[1]!.quote]);
    expect(read.themes[1]!.cards).toEqual([]);
    expect(quotes(read.unsorted)).toEqual([highlights[2]!.quote, highlights[3]!.quote]);
    // Four changes since the board was made (two themes, two additions).
    expect(read.version).toBe(b.version + 4);
  });

  it('moves a card between and within themes without renumbering the other cards', async () => {
    const b = await newBoard();
    const a = await theme(b.id, 'A');
    const c = await theme(b.id, 'C');
    const cards = await add(
      b.id,
      highlights.slice(0, 4).map((h) => h.id),
      a.id,
    );
    const before = new Map(cards.map((x) => [x.id, x.position]));

    // The third card to the top of A, then the first card into C.
    const top = await move(cards[2]!, a.id, null);
    expect(top.errors).toBeUndefined();
    const moved = await move(cards[0]!, c.id, null);
    expect(moved.errors).toBeUndefined();

    const read = await board(b.id);
    expect(quotes(read.themes[0]!.cards)).toEqual([2, 1, 3].map((i) => highlights[i]!.quote));
    expect(quotes(read.themes[1]!.cards)).toEqual([highlights[0]!.quote]);
    // Only the moved cards changed: the others keep their positions and versions.
    for (const card of [...read.themes[0]!.cards, ...read.themes[1]!.cards]) {
      const wasMoved = card.id === cards[2]!.id || card.id === cards[0]!.id;
      if (!wasMoved) expect(card.position).toBe(before.get(card.id));
      expect(card.version).toBe(wasMoved ? 2 : 1);
    }

    // After a given card; to unsorted.
    const read2 = await board(b.id);
    const last = read2.themes[0]!.cards.at(-1)!;
    const afterLast = await move(read2.themes[1]!.cards[0]!, a.id, last.id);
    expect(afterLast.errors).toBeUndefined();
    expect(quotes((await board(b.id)).themes[0]!.cards).at(-1)).toBe(highlights[0]!.quote);
  });

  it('gives one of two people moving the same card at once the move, the other a CONFLICT, and loses no card', async () => {
    const b = await newBoard();
    const x = await theme(b.id, 'X');
    const y = await theme(b.id, 'Y');
    const [card] = await add(b.id, [highlights[0]!.id]);
    const [first, second] = await Promise.all([move(card!, x.id, null), move(card!, y.id, null)]);
    const results = [first, second];
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0]!.data!.moveCard;
    expect(lost[0]!.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      card: { id: card!.id, themeId: winner.themeId, version: 2 },
    });
    const read = await board(b.id);
    const everywhere = [...read.unsorted, ...read.themes.flatMap((th) => th.cards)];
    expect(everywhere.map((c) => c.id)).toEqual([card!.id]);
    expect(everywhere[0]!.themeId).toBe(winner.themeId);

    // The loser retries on the version the conflict gave: it goes through.
    const retry = await move({ id: card!.id, version: 2 }, null, null);
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.moveCard).toMatchObject({ themeId: null, version: 3 });
  });

  it('puts two cards moved after the same card at once one after the other', async () => {
    const b = await newBoard();
    const cards = await add(
      b.id,
      highlights.slice(0, 4).map((h) => h.id),
    );
    const [m1, m2] = await Promise.all([
      move(cards[2]!, null, cards[0]!.id),
      move(cards[3]!, null, cards[0]!.id),
    ]);
    expect(m1.errors).toBeUndefined();
    expect(m2.errors).toBeUndefined();
    const read = await board(b.id);
    expect(read.unsorted).toHaveLength(4);
    expect(new Set(read.unsorted.map((c) => c.position)).size).toBe(4);
    expect(read.unsorted[0]!.id).toBe(cards[0]!.id);
    expect(read.unsorted.at(-1)!.id).toBe(cards[1]!.id);
  });

  it('keeps a highlight on a board once, also when two people add it at once', async () => {
    const b = await newBoard();
    const [one, two] = await Promise.all([
      add(b.id, [highlights[4]!.id]),
      add(b.id, [highlights[4]!.id, highlights[5]!.id]),
    ]);
    expect(one[0]!.id).toBe(two[0]!.id);
    const read = await board(b.id);
    expect(read.unsorted.map((c) => c.highlight!.id).sort()).toEqual(
      [highlights[4]!.id, highlights[5]!.id].sort(),
    );
  });

  it('refuses highlights of another project and leaves the board as it was', async () => {
    const b = await newBoard();
    await add(b.id, [highlights[0]!.id]);
    const other = await t.newProject(owner);
    const res = await t.upload(other.projectId, owner.token, {
      name: 'x.txt',
      bytes: INTERVIEWS[0]!,
    });
    const tr = await t.waitForTranscript(res.body['id'] as string, owner.token);
    const foreign = await t.ok<{ createHighlight: { id: string } }>(
      `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
      {
        i: {
          transcriptId: tr.id,
          start: { segmentId: tr.segments[0]!.id, offset: 0 },
          end: { segmentId: tr.segments[0]!.id, offset: 4 },
        },
      },
      owner.token,
    );
    const refused = await t.gql(
      ADD_CARDS,
      {
        i: { boardId: b.id, highlightIds: [highlights[1]!.id, foreign.createHighlight.id] },
      },
      owner.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await board(b.id)).unsorted.map((c) => c.highlight!.id)).toEqual([highlights[0]!.id]);
  });

  it('sends the cards of a deleted theme to the end of unsorted, in their order', async () => {
    const b = await newBoard();
    await add(b.id, [highlights[0]!.id]);
    const doomed = await theme(b.id, 'Doomed');
    await add(b.id, [highlights[1]!.id, highlights[2]!.id], doomed.id);
    await t.ok(`mutation($id: ID!) { deleteTheme(id: $id) }`, { id: doomed.id }, owner.token);
    const read = await board(b.id);
    expect(read.themes).toEqual([]);
    expect(quotes(read.unsorted)).toEqual([0, 1, 2].map((i) => highlights[i]!.quote));
  });

  it('reorders themes, refusing a move made on a stale version', async () => {
    const b = await newBoard();
    const one = await theme(b.id, 'One');
    const two = await theme(b.id, 'Two');
    const moved = await t.ok<{ moveTheme: { version: number } }>(
      MOVE_THEME,
      { i: { themeId: two.id, afterThemeId: null, version: two.version } },
      owner.token,
    );
    expect(moved.moveTheme.version).toBe(2);
    expect((await board(b.id)).themes.map((x) => x.title)).toEqual(['Two', 'One']);
    const stale = await t.gql(
      MOVE_THEME,
      { i: { themeId: two.id, afterThemeId: one.id, version: two.version } },
      owner.token,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      theme: { id: two.id, version: 2 },
    });
    expect((await board(b.id)).themes.map((x) => x.title)).toEqual(['Two', 'One']);
  });

  it('keeps sticky notes: the researcher’s own text, editable on its version', async () => {
    const b = await newBoard();
    const note = await t.ok<{ addNote: Card }>(
      `mutation($i: AddNoteInput!) { addNote(input: $i) { ${CARD} } }`,
      { i: { boardId: b.id, text: '  Check with sales <b>first</b>  ' } },
      owner.token,
    );
    expect(note.addNote).toMatchObject({ text: 'Check with sales <b>first</b>', highlight: null });
    const edited = await t.ok<{ updateNote: Card }>(
      `mutation($i: UpdateNoteInput!) { updateNote(input: $i) { ${CARD} } }`,
      { i: { cardId: note.addNote.id, text: 'Check with sales', version: 1 } },
      owner.token,
    );
    expect(edited.updateNote).toMatchObject({ text: 'Check with sales', version: 2 });
    const stale = await t.gql(
      `mutation($i: UpdateNoteInput!) { updateNote(input: $i) { id } }`,
      { i: { cardId: note.addNote.id, text: 'Lost?', version: 1 } },
      owner.token,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      card: { text: 'Check with sales', version: 2 },
    });
  });

  it('shows how strong a theme’s evidence is, and warns when it rests on one participant', async () => {
    const b = await newBoard();
    const broad = await theme(b.id, 'Broad');
    const narrow = await theme(b.id, 'Narrow');
    // Ana's two turns on one theme; Ben's two and Cleo's first on the other.
    const of = (i: number) => highlights.filter((h) => h.transcriptId === transcriptIds[i]);
    const [ana, ben, cleo] = [of(0), of(1), of(2)];
    await add(
      b.id,
      ana.map((h) => h.id),
      narrow.id,
    );
    await add(b.id, [ben[0]!.id, ben[1]!.id, cleo[0]!.id], broad.id);
    await t.ok(
      `mutation($i: AddNoteInput!) { addNote(input: $i) { id } }`,
      { i: { boardId: b.id, themeId: broad.id, text: 'not evidence' } },
      owner.token,
    );
    const read = await t.ok<{
      board: {
        themes: {
          id: string;
          evidence: {
            highlights: number;
            participants: number;
            transcripts: number;
            warning: string | null;
            breakdown: { value: string; highlights: number }[];
          };
        }[];
      };
    }>(EVIDENCE, { id: b.id, a: 'role' }, owner.token);
    const [broadEvidence, narrowEvidence] = read.board.themes.map((x) => x.evidence);
    expect(broadEvidence).toMatchObject({
      highlights: 3,
      participants: 2,
      transcripts: 2,
      warning: null,
      breakdown: [{ value: '(none)', highlights: 3 }],
    });
    expect(narrowEvidence).toMatchObject({ highlights: 2, participants: 1, transcripts: 1 });
    expect(narrowEvidence!.warning).toMatch(/one participant/);
  });

  it('shows everyone on the board the moves of the others as they happen', async () => {
    const b = await newBoard();
    const target = await theme(b.id, 'Target');
    const [card] = await add(b.id, [highlights[0]!.id]);
    const stream = wsSubscribe<{
      boardUpdated: { kind: string; version: number; cards: Card[]; themes: { id: string }[] };
    }>(
      t,
      owner.token,
      `subscription($b: ID!) { boardUpdated(boardId: $b) { kind version cardIds cards { ${CARD} } themes { id } } }`,
      { b: b.id },
    );
    try {
      // The subscription is live once a change reaches it.
      for (let i = 0; i < 40 && !stream.events.length; i++) {
        await t.ok(
          `mutation($i: UpdateBoardInput!) { updateBoard(input: $i) { id } }`,
          {
            i: { id: b.id, name: `Synthesis ${i}` },
          },
          owner.token,
        );
        await stream.until((s) => s.events.length > 0, 'an event', 500).catch(() => undefined);
      }
      stream.events.length = 0;
      const moved = await move(card!, target.id, null);
      expect(moved.errors).toBeUndefined();
      await stream.until((s) => s.events.length > 0, 'the move');
      const event = stream.events[0]!.boardUpdated;
      expect(event.kind).toBe('CARDS_CHANGED');
      expect(event.cards).toEqual([moved.data!.moveCard]);
      expect(event.version).toBe((await board(b.id)).version);
    } finally {
      await stream.close();
    }
  });
});
