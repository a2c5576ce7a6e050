// A large theme board, seeded through the api as its owner: synthetic interviews, one highlight
// on each of their turns, and a board that holds them, some unsorted and the rest spread evenly
// over the themes. Shared by the board bench (scripts/bench-boards.mjs) and the 2,000-card
// browser test (client/e2e/boards-large.e2e.ts). Plain JavaScript with no import so that both
// Node and jest (which compiles it to CommonJS) load it; see seed-board.d.mts for its types.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` over `items` with at most `n` at a time. */
async function pool(items, n, fn) {
  const queue = [...items.entries()];
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await fn(next[1], next[0]);
    }),
  );
}

/** Imports one synthetic interview and waits until it is READY; its turns. */
async function importInterview(call, projectId, seed, content) {
  const { importTranscript } = await call(
    `mutation($i: ImportTranscriptInput!) { importTranscript(input: $i) { id } }`,
    { i: { projectId, filename: `interview-${seed}.vtt`, title: `Interview ${seed}`, content } },
  );
  for (let attempt = 0; attempt < 600; attempt++) {
    const { transcript } = await call(
      `query($id: ID!) { transcript(id: $id) { id status segments { id text } } }`,
      { id: importTranscript.id },
    );
    if (transcript.status === 'READY')
      return transcript.segments.map((s) => ({ transcriptId: transcript.id, ...s }));
    if (transcript.status === 'FAILED') throw new Error(`interview ${seed} failed to import`);
    await sleep(250);
  }
  throw new Error(`interview ${seed} did not become READY`);
}

/**
 * Seeds the board. `call(query, variables)` is a GraphQL call as the project's owner that
 * answers `data`; `makeTranscript(seed)` a synthetic WebVTT interview (makeSyntheticTranscript
 * of libs/transcript). The board is named `name`, with `themes` themes titled "Theme 1"… and
 * `unsorted` of the `cards` left unsorted.
 */
export async function seedBoard(call, options) {
  const { projectId, makeTranscript, cards = 2000, themes = 12, name = 'Synthesis' } = options;
  const unsorted = options.unsorted ?? Math.floor(cards / 4);
  const turns = [];
  for (let seed = 1; turns.length < cards; seed++)
    turns.push(...(await importInterview(call, projectId, seed, makeTranscript(seed))));
  const highlightIds = new Array(cards);
  await pool(turns.slice(0, cards), 4, async (turn, i) => {
    const { createHighlight } = await call(
      `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
      {
        i: {
          transcriptId: turn.transcriptId,
          start: { segmentId: turn.id, offset: 0 },
          end: { segmentId: turn.id, offset: turn.text.length },
        },
      },
    );
    highlightIds[i] = createHighlight.id;
  });
  const { createBoard } = await call(
    `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
    { i: { projectId, name } },
  );
  const boardId = createBoard.id;
  const themeIds = [];
  for (let i = 0; i < themes; i++) {
    const { createTheme } = await call(
      `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`,
      { i: { boardId, title: `Theme ${i + 1}` } },
    );
    themeIds.push(createTheme.id);
  }
  const batches = [{ themeId: null, ids: highlightIds.slice(0, unsorted) }];
  const perTheme = Math.ceil((cards - unsorted) / Math.max(1, themeIds.length));
  for (const [t, themeId] of themeIds.entries()) {
    const from = unsorted + t * perTheme;
    batches.push({ themeId, ids: highlightIds.slice(from, Math.min(cards, from + perTheme)) });
  }
  for (const { themeId, ids } of batches)
    for (let from = 0; from < ids.length; from += 500)
      await call(`mutation($i: AddCardsInput!) { addCards(input: $i) { id } }`, {
        i: { boardId, highlightIds: ids.slice(from, from + 500), themeId },
      });
  return { boardId, themeIds, highlightIds };
}
