// The board page with every card drawn (each column's "Show more" pressed until none is left):
// what a drag, a filter change and a colleague's move cost the browser. For each, five times:
// the main thread's busy time (Chromium's TaskDuration through a CDP session, and the script,
// style and layout parts of it), the wall time until the page shows the result, and the longest
// frame in between (requestAnimationFrame gaps). Used by scripts/bench-boards.mjs.

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => Math.round(x);
const QUIET_MS = 900; // the evidence a move triggers is read again 600 ms after it

async function expandAll(page) {
  for (let i = 0; i < 200; i++) {
    const more = page.locator('section.column button.more');
    if ((await more.count()) === 0) return;
    const before = await page.locator('vb-board-card').count();
    await more.first().click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('vb-board-card').length > n,
      before,
      { polling: 'raf' },
    );
  }
}

/** Busy time of the page's main thread so far, in ms. */
async function busy(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return {
    task: m.TaskDuration * 1000,
    script: m.ScriptDuration * 1000,
    style: (m.RecalcStyleDuration + m.LayoutDuration) * 1000,
  };
}

async function measure(page, cdp, action) {
  await page.waitForTimeout(QUIET_MS);
  await page.evaluate(() => {
    const w = window;
    w.__longest = 0;
    if (w.__frames) return;
    w.__frames = true;
    let last = performance.now();
    const tick = (now) => {
      w.__longest = Math.max(w.__longest, now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const before = await busy(cdp);
  const t0 = performance.now();
  await action();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
  const wall = performance.now() - t0;
  const after = await busy(cdp);
  const longest = await page.evaluate(() => window.__longest);
  return {
    wall,
    task: after.task - before.task,
    script: after.script - before.script,
    style: after.style - before.style,
    longest,
  };
}

/**
 * Runs `action` under a Chromium performance trace: where the page's main thread spent its time,
 * by trace event (nested events count in their parents too: RunTask holds everything).
 */
async function traced(cdp, action) {
  const events = [];
  const collect = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await action();
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const ms = {};
  for (const e of events)
    if (e.ph === 'X' && e.dur && main.has(`${e.pid}:${e.tid}`))
      ms[e.name] = (ms[e.name] ?? 0) + e.dur / 1000;
  return Object.fromEntries(
    Object.entries(ms)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 14)
      .map(([k, v]) => [k, round(v)]),
  );
}

function summary(samples) {
  const pick = (k) => samples.map((s) => s[k]);
  return {
    runs: samples.length,
    mainThreadMedianMs: round(median(pick('task'))),
    mainThreadMaxMs: round(Math.max(...pick('task'))),
    scriptMedianMs: round(median(pick('script'))),
    styleLayoutMedianMs: round(median(pick('style'))),
    longestFrameMedianMs: round(median(pick('longest'))),
    wallMedianMs: round(median(pick('wall'))),
  };
}

const inColumn = (page, column, cardId) =>
  page.waitForFunction(
    ([c, id]) =>
      !!document.querySelector(`section.column[data-column="${c}"] [data-card-id="${id}"]`),
    [column, cardId],
    { polling: 'raf', timeout: 30_000 },
  );

async function drag(page, cardId, to) {
  const card = page.locator(`vb-board-card[data-card-id="${cardId}"]`);
  await card.scrollIntoViewIfNeeded();
  const a = await card.boundingBox();
  const b = await page.locator(`section.column[data-column="${to}"] ul.cards`).boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + 12);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 8, a.y + 20, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + 30, { steps: 25 });
  await page.mouse.up();
  await inColumn(page, to, cardId);
}

export async function benchInteractions(context, base, seeded, api, runs = 5, trace = false) {
  const page = await context.newPage();
  await page.goto(`${base}/p/${seeded.projectId}/boards/${seeded.boardId}`);
  await page.waitForSelector('section.column[data-column="unsorted"] vb-board-card', {
    timeout: 60_000,
  });
  await expandAll(page);
  const drawn = await page.locator('vb-board-card').count();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const [one, two, three] = seeded.themeIds;
  const firstIn = (column) =>
    page
      .locator(`section.column[data-column="${column}"] vb-board-card`)
      .first()
      .getAttribute('data-card-id');

  const quote = (await page.locator('vb-board-card blockquote').first().textContent()) ?? '';
  const word =
    quote
      .replace(/[^\p{L} ]/gu, ' ')
      .split(/\s+/)
      .find((w) => w.length > 5) ?? 'the';
  const find = (text) => async () => {
    await page.locator('#board-find').fill(text);
    await page.waitForFunction(
      ([n, all]) => {
        const shown = document.querySelectorAll('vb-board-card').length;
        return all ? shown === n : shown < n;
      },
      [drawn, !text],
      { polling: 'raf' },
    );
  };
  let dragged = 0;
  const actions = {
    drag: async () => {
      const [from, to] = dragged++ % 2 ? [two, one] : [one, two];
      const id = await firstIn(from);
      await drag(page, id, to);
    },
    'filter on': find(word),
    'filter off': find(''),
    'live move': async () => {
      const { board } = await api.gql(
        `query($id: ID!) { board(id: $id) { unsorted { id version } } }`,
        { id: seeded.boardId },
        seeded.token,
      );
      const card = board.unsorted[0];
      await api.gql(
        `mutation($i: MoveCardInput!) { moveCard(input: $i) { id } }`,
        { i: { cardId: card.id, themeId: three, afterCardId: null, version: card.version } },
        seeded.token,
      );
      await inColumn(page, three, card.id);
    },
  };
  const samples = Object.fromEntries(Object.keys(actions).map((k) => [k, []]));
  for (let i = 0; i < runs; i++)
    for (const [name, action] of Object.entries(actions))
      samples[name].push(await measure(page, cdp, action));
  const traces = {};
  if (trace)
    for (const [name, action] of Object.entries(actions)) {
      await page.waitForTimeout(QUIET_MS);
      traces[name] = await traced(cdp, action);
    }
  await page.close();
  return {
    cardsDrawn: drawn,
    ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summary(v)])),
    ...(trace ? { traces } : {}),
  };
}
