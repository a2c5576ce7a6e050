import { expect } from '@jest/globals';
import { makeSyntheticTranscript } from '@verbatim/transcript';
import { DataSource } from 'typeorm';
import { TestApp, type TestUser, type TranscriptView, textAt } from '../../../test/test-app';
import { JobReconciler } from '../../jobs/reconciler';
import { AnalysisWorker } from './analysis.worker';

// Two interviews about the same product. People tagged the first; the tagger should carry the
// tags over to the second, and never quote the interviewer.
const FIRST = `Interviewer: Tell me about the price.
Ana: The subscription price is far too expensive for a small team like ours.
Interviewer: And getting started?
Ana: Onboarding took ages, the setup wizard kept asking for the same invite code.
Interviewer: Anything on support?
Ana: Support answered my ticket within an hour, which was lovely.
Interviewer: And the budget?
Ana: Honestly the monthly cost made our finance lead nervous about the budget.
Interviewer: Go on.
Ana: The first week of setup was confusing, the onboarding checklist never finished.
`;
const SECOND = `Interviewer: How did the pricing feel to you?
Ben: We almost cancelled because the price per seat is too expensive for our budget.
Interviewer: What about the first days with the product?
Ben: The setup wizard was confusing and onboarding took most of a week.
Interviewer: Anything else?
Ben: My dog barked through every call, which has nothing to do with your product.
Interviewer: And since then?
Ben: The yearly plan costs more than our whole tooling budget, so we pay monthly.
Interviewer: And for new colleagues?
Ben: Inviting new colleagues during setup still takes several tries with the invite code.
`;

const RUN = `id status progress chunksDone chunksTotal provider providerLabel model mode error
  summary { total pending accepted rejected droppedUngrounded rejectedInvalid skippedDuplicates }
  usage { promptTokens completionTokens requests estimatedCostUsd } themes { name definition suggestionCount }
  transcripts { id title }`;
const SUGGESTION = `id runId transcriptId quote start { segmentId offset } end { segmentId offset } startIndex
  tags { id name } themeName themeDefinition rationale confidence status rejectReason highlightId`;

interface Run {
  id: string;
  status: string;
  progress: number;
  chunksDone: number;
  chunksTotal: number;
  provider: string;
  providerLabel: string;
  mode: string;
  error: string | null;
  summary: {
    total: number;
    pending: number;
    accepted: number;
    rejected: number;
    droppedUngrounded: number;
    rejectedInvalid: number;
    skippedDuplicates: number;
  };
  usage: {
    promptTokens: number;
    completionTokens: number;
    requests: number;
    estimatedCostUsd: number | null;
  };
  themes: { name: string; definition: string | null; suggestionCount: number }[];
}
interface Suggestion {
  id: string;
  runId: string;
  transcriptId: string;
  quote: string;
  start: { segmentId: string; offset: number };
  end: { segmentId: string; offset: number };
  startIndex: number;
  tags: { id: string; name: string }[];
  themeName: string | null;
  rationale: string;
  confidence: number;
  status: string;
  rejectReason: string | null;
  highlightId: string | null;
}

describe('analysis with the offline tagger', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;
  let workspaceId: string;
  let first: TranscriptView;
  let second: TranscriptView;
  const tags: Record<string, string> = {};

  const start = (
    transcriptIds: string[],
    mode = 'DEDUCTIVE',
    token = owner.token,
    provider?: string,
  ) =>
    t.gql<{ startAnalysis: Run }>(
      `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { ${RUN} } }`,
      { i: { projectId, transcriptIds, mode, provider } },
      token,
    );
  /** The project's newest events in the activity trail, as verb and sentence. */
  const trail = async (first: number) =>
    (
      await t.ok<{ activity: { edges: { node: { verb: string; summary: string } }[] } }>(
        `query($w: ID!, $p: ID, $n: Int) { activity(workspaceId: $w, projectId: $p, first: $n) {
           edges { node { verb summary } } } }`,
        { w: workspaceId, p: projectId, n: first },
        owner.token,
      )
    ).activity.edges.map((e) => [e.node.verb, e.node.summary]);
  const run = async (id: string) =>
    (
      await t.ok<{ analysisRun: Run }>(
        `query($id: ID!) { analysisRun(id: $id) { ${RUN} } }`,
        { id },
        owner.token,
      )
    ).analysisRun;
  const finished = async (id: string) => {
    await t.jobs.idle();
    for (let i = 0; i < 100; i++) {
      const r = await run(id);
      if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(r.status)) return r;
      await new Promise((resolve) => setTimeout(resolve, 50));
      await t.jobs.idle();
    }
    throw new Error(`run ${id} never finished`);
  };
  const suggestions = async (filter: object, first = 100) =>
    (
      await t.ok<{ suggestions: { totalCount: number; edges: { node: Suggestion }[] } }>(
        `query($f: SuggestionFilter!, $first: Int) { suggestions(filter: $f, first: $first) { totalCount edges { node { ${SUGGESTION} } } } }`,
        { f: filter, first },
        owner.token,
      )
    ).suggestions.edges.map((e) => e.node);
  const highlight = async (tr: TranscriptView, words: string, tagIds: string[]) => {
    const s = tr.segments.find((x) => x.text.includes(words));
    if (!s) throw new Error(`"${words}" is not in the transcript`);
    const offset = s.text.indexOf(words);
    await t.ok(
      `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
      {
        i: {
          transcriptId: tr.id,
          start: { segmentId: s.id, offset },
          end: { segmentId: s.id, offset: offset + words.length },
          tagIds,
        },
      },
      owner.token,
    );
  };

  /** Another upload of the second interview: the same words, nothing reviewed on it yet. */
  const uploadCopy = async (title: string) => {
    const up = await t.upload(projectId, owner.token, {
      name: 'copy.txt',
      bytes: `${SECOND}Interviewer: Thanks, ${title}.\n`,
      title,
    });
    return t.waitForTranscript(up.body['id'] as string, owner.token);
  };

  beforeAll(async () => {
    t = await TestApp.start();
    const p = await t.newProject();
    owner = p.user;
    projectId = p.projectId;
    workspaceId = p.workspaceId;
    const a = await t.upload(projectId, owner.token, {
      name: 'first.txt',
      bytes: FIRST,
      title: 'First interview',
    });
    const b = await t.upload(projectId, owner.token, {
      name: 'second.txt',
      bytes: SECOND,
      title: 'Second interview',
    });
    first = await t.waitForTranscript(a.body['id'] as string, owner.token);
    second = await t.waitForTranscript(b.body['id'] as string, owner.token);
    for (const [name, description] of [
      ['Pricing', 'What people say about price, cost and budget.'],
      ['Onboarding', 'Getting started: setup, invites, the first week.'],
      ['Support', 'Contact with the support team.'],
    ]) {
      tags[name!] = (
        await t.ok<{ createTag: { id: string } }>(
          `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
          { i: { projectId, name, description } },
          owner.token,
        )
      ).createTag.id;
    }
    await highlight(
      first,
      'The subscription price is far too expensive for a small team like ours.',
      [tags['Pricing']!],
    );
    await highlight(first, 'the monthly cost made our finance lead nervous about the budget', [
      tags['Pricing']!,
    ]);
    await highlight(
      first,
      'Onboarding took ages, the setup wizard kept asking for the same invite code.',
      [tags['Onboarding']!],
    );
    await highlight(
      first,
      'The first week of setup was confusing, the onboarding checklist never finished.',
      [tags['Onboarding']!],
    );
    await highlight(first, 'Support answered my ticket within an hour', [tags['Support']!]);
  }, 120_000);
  afterAll(() => t.close());

  it('applies the codebook to a new interview with grounded quotes, and says it is the offline tagger', async () => {
    const started = await start([second.id]);
    expect(started.errors).toBeUndefined();
    expect(started.data!.startAnalysis).toMatchObject({
      status: 'QUEUED',
      provider: 'OFFLINE',
      mode: 'DEDUCTIVE',
    });
    expect(started.data!.startAnalysis.providerLabel).toMatch(/offline/i);
    const done = await finished(started.data!.startAnalysis.id);
    expect(done).toMatchObject({ status: 'COMPLETED', progress: 1, error: null });
    expect(done.chunksDone).toBe(done.chunksTotal);
    expect(done.usage).toEqual({
      promptTokens: 0,
      completionTokens: 0,
      requests: 0,
      estimatedCostUsd: 0,
    });

    const list = await suggestions({ runId: done.id });
    expect(list.length).toBe(done.summary.total);
    for (const s of list) {
      expect(s.quote).toBe(textAt(second, s.start, s.end));
      expect(second.segments[s.startIndex]!.speaker).not.toBe('Interviewer');
      expect(s.tags.length).toBeGreaterThan(0);
      expect(s.rationale.length).toBeGreaterThan(0);
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
    const tagged = (name: string) =>
      list.filter((s) => s.tags.some((x) => x.name === name)).map((s) => s.quote);
    expect(tagged('Pricing').join(' ')).toMatch(/too expensive for our budget/);
    expect(tagged('Onboarding').join(' ')).toMatch(/setup wizard was confusing/);
    expect(tagged('Pricing').join(' ')).not.toMatch(/dog/);
  });

  it('proposes nothing already highlighted with the same tag', async () => {
    const r = await finished((await start([first.id])).data!.startAnalysis.id);
    expect(r.status).toBe('COMPLETED');
    const list = await suggestions({ runId: r.id });
    const pricing = list.filter((s) => s.tags.some((x) => x.id === tags['Pricing']));
    expect(pricing.map((s) => s.quote).join(' ')).not.toMatch(
      /subscription price is far too expensive/,
    );
  });

  it('accepts a suggestion as a highlight marked as coming from a suggestion, and keeps a rejection', async () => {
    const r = await finished((await start([second.id])).data!.startAnalysis.id);
    // The first run's suggestions are still pending: the second run must not propose them again.
    expect(r.summary.total).toBe(0);
    expect(r.summary.skippedDuplicates).toBeGreaterThan(0);

    const pending = await suggestions({ transcriptId: second.id, status: 'PENDING' });
    const [toAccept, toReject] = pending;
    expect(toAccept && toReject).toBeTruthy();
    const accepted = await t.ok<{ acceptSuggestion: Suggestion }>(
      `mutation($id: ID!) { acceptSuggestion(id: $id) { ${SUGGESTION} } }`,
      { id: toAccept!.id },
      owner.token,
    );
    expect(accepted.acceptSuggestion.status).toBe('ACCEPTED');
    // The trail says a suggestion was accepted (not that someone highlighted by hand).
    expect(await trail(1)).toEqual([
      ['suggestion.accepted', 'Ada Researcher accepted a suggested highlight'],
    ]);
    const highlights = await t.ok<{
      highlights: {
        edges: { node: { id: string; quote: string; tags: { id: string; source: string }[] } }[];
      };
    }>(
      `query($f: HighlightFilter!) { highlights(filter: $f) { edges { node { id quote tags { id source } } } } }`,
      { f: { projectId, transcriptIds: [second.id] } },
      owner.token,
    );
    const made = highlights.highlights.edges.find(
      (e) => e.node.id === accepted.acceptSuggestion.highlightId,
    )!.node;
    expect(made.quote).toBe(toAccept!.quote);
    expect(made.tags.map((x) => x.source)).toEqual(toAccept!.tags.map(() => 'SUGGESTION'));

    const again = await t.gql(
      `mutation($id: ID!) { acceptSuggestion(id: $id) { id } }`,
      { id: toAccept!.id },
      owner.token,
    );
    expect(again.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');

    const rejected = await t.ok<{ rejectSuggestion: Suggestion }>(
      `mutation($id: ID!, $r: String) { rejectSuggestion(id: $id, reason: $r) { ${SUGGESTION} } }`,
      { id: toReject!.id, r: 'Too generic' },
      owner.token,
    );
    expect(rejected.rejectSuggestion).toMatchObject({
      status: 'REJECTED',
      rejectReason: 'Too generic',
      highlightId: null,
    });

    const summary = (await run(toAccept!.runId)).summary;
    expect(summary).toMatchObject({ accepted: expect.any(Number), rejected: expect.any(Number) });
    expect(summary.accepted + summary.rejected).toBeGreaterThanOrEqual(1);

    // Neither the accepted (now a highlight) nor the rejected one is proposed by a new run.
    const rerun = await finished((await start([second.id])).data!.startAnalysis.id);
    const fresh = await suggestions({ runId: rerun.id });
    const sameSpan = (a: Suggestion, b: Suggestion) =>
      a.start.segmentId === b.start.segmentId &&
      a.start.offset === b.start.offset &&
      a.end.offset === b.end.offset;
    expect(fresh.filter((s) => sameSpan(s, toAccept!) || sameSpan(s, toReject!))).toEqual([]);
  });

  it('accepts other words and other tags when the reviewer edits the suggestion', async () => {
    const copy = await uploadCopy('Third interview');
    const r = await finished((await start([copy.id])).data!.startAnalysis.id);
    const [s] = await suggestions({ runId: r.id, status: 'PENDING' });
    expect(s).toBeDefined();
    const seg = copy.segments[s!.startIndex]!;
    const res = await t.ok<{ acceptSuggestion: Suggestion }>(
      `mutation($id: ID!, $i: AcceptSuggestionInput) { acceptSuggestion(id: $id, input: $i) { ${SUGGESTION} } }`,
      {
        id: s!.id,
        i: {
          start: { segmentId: seg.id, offset: 0 },
          end: { segmentId: seg.id, offset: 3 },
          tagIds: [tags['Support']],
          note: 'edited',
        },
      },
      owner.token,
    );
    const h = await t.ok<{
      highlights: {
        edges: { node: { id: string; quote: string; note: string; tags: { id: string }[] } }[];
      };
    }>(
      `query($f: HighlightFilter!) { highlights(filter: $f) { edges { node { id quote note tags { id } } } } }`,
      { f: { projectId, tagIds: [tags['Support']] } },
      owner.token,
    );
    const made = h.highlights.edges.find(
      (e) => e.node.id === res.acceptSuggestion.highlightId,
    )!.node;
    expect(made).toMatchObject({
      quote: seg.text.slice(0, 3),
      note: 'edited',
      tags: [{ id: tags['Support'] }],
    });
  });

  it('accepts in bulk above a confidence and leaves the rest pending', async () => {
    const copy = await uploadCopy('Fourth interview');
    const runId = (await finished((await start([copy.id])).data!.startAnalysis.id)).id;
    const before = await suggestions({ runId, status: 'PENDING' });
    expect(before.length).toBeGreaterThan(1);
    const confidences = before.map((s) => s.confidence).sort((a, b) => b - a);
    const threshold = confidences[Math.floor(confidences.length / 2) - 1]!;
    const above = before.filter((s) => s.confidence >= threshold);
    const bulk = await t.ok<{ acceptSuggestions: { accepted: number; skipped: number } }>(
      `mutation($i: AcceptSuggestionsInput!) { acceptSuggestions(input: $i) { accepted skipped } }`,
      { i: { runId, minConfidence: threshold } },
      owner.token,
    );
    expect(bulk.acceptSuggestions).toEqual({ accepted: above.length, skipped: 0 });
    // One line in the trail for the whole batch.
    expect(await trail(1)).toEqual([
      [
        'suggestion.accepted',
        `Ada Researcher accepted ${above.length} suggested highlight${above.length > 1 ? 's' : ''}`,
      ],
    ]);
    const left = await suggestions({ runId, status: 'PENDING' });
    expect(left.map((s) => s.id).sort()).toEqual(
      before
        .filter((s) => s.confidence < threshold)
        .map((s) => s.id)
        .sort(),
    );
  });

  it('applies a confidence threshold as the review shows it: 65 % takes 0.65 and leaves 0.648', async () => {
    const copy = await uploadCopy('Interview on thresholds');
    const runId = (await finished((await start([copy.id])).data!.startAnalysis.id)).id;
    const pending = await suggestions({ runId, status: 'PENDING' });
    expect(pending.length).toBeGreaterThan(2);
    const [at, below, ...rest] = pending;
    const db = t.app.get(DataSource);
    const setConfidence = (ids: string[], c: number) =>
      db.query(
        `UPDATE suggestion SET confidence = $2, tag_confidences = array_fill($2::real, ARRAY[cardinality(tag_ids)])
          WHERE id = ANY($1::uuid[])`,
        [ids, c],
      );
    await setConfidence([at!.id], 0.65);
    await setConfidence([below!.id], 0.648);
    await setConfidence(
      rest.map((s) => s.id),
      0.2,
    );
    // The list filter and the bulk accept agree with what the reviewer reads.
    const listed = await suggestions({ runId, status: 'PENDING', minConfidence: 0.65 });
    expect(listed.map((s) => [s.id, s.confidence])).toEqual([[at!.id, 0.65]]);
    const bulk = await t.ok<{ acceptSuggestions: { accepted: number; skipped: number } }>(
      `mutation($i: AcceptSuggestionsInput!) { acceptSuggestions(input: $i) { accepted skipped } }`,
      { i: { runId, minConfidence: 0.65 } },
      owner.token,
    );
    expect(bulk.acceptSuggestions.accepted).toBe(1);
    const left = await suggestions({ runId, status: 'PENDING' });
    expect(left.map((s) => s.id)).not.toContain(at!.id);
    expect(left.map((s) => s.id)).toContain(below!.id);
  });

  describe('each tag on its own', () => {
    interface Tagged {
      id: string;
      confidence: number;
      tags: { id: string; name: string; confidence: number }[];
    }
    const tagged = async (filter: object) =>
      (
        await t.ok<{ suggestions: { edges: { node: Tagged }[] } }>(
          `query($f: SuggestionFilter!) { suggestions(filter: $f, first: 100) { edges { node { id confidence tags { id name confidence } } } } }`,
          { f: filter },
          owner.token,
        )
      ).suggestions.edges.map((e) => e.node);
    const highlightTags = async (suggestionId: string) =>
      (
        await t.app.get(DataSource).query<{ name: string }[]>(
          `SELECT t.name FROM suggestion x JOIN highlight_tag ht ON ht.highlight_id = x.highlight_id
             JOIN tag t ON t.id = ht.tag_id WHERE x.id = $1 ORDER BY t.name`,
          [suggestionId],
        )
      ).map((r) => r.name);
    /** Pending suggestions of a fresh run, the first two made to propose Pricing at 80 % and Onboarding at 40 %. */
    const twoTagRun = async (title: string) => {
      const copy = await uploadCopy(title);
      const runId = (await finished((await start([copy.id])).data!.startAnalysis.id)).id;
      const pending = await suggestions({ runId, status: 'PENDING' });
      expect(pending.length).toBeGreaterThan(2);
      const [a, b, ...rest] = pending;
      const db = t.app.get(DataSource);
      await db.query(
        `UPDATE suggestion SET tag_ids = $2::uuid[], tag_confidences = '{0.8,0.4}', confidence = 0.8 WHERE id = ANY($1::uuid[])`,
        [
          [a!.id, b!.id],
          [tags['Pricing'], tags['Onboarding']],
        ],
      );
      await db.query(
        `UPDATE suggestion SET tag_ids = $2::uuid[], tag_confidences = '{0.5}', confidence = 0.5 WHERE id = ANY($1::uuid[])`,
        [rest.map((s) => s.id), [tags['Support']]],
      );
      return { runId, a: a!.id, b: b!.id };
    };

    it('shows each tag with its own confidence, most confident first, and filters by it', async () => {
      const { runId, a, b } = await twoTagRun('Interview with two tags');
      const listed = await tagged({ runId, status: 'PENDING', minConfidence: 0.65 });
      expect(listed.map((s) => s.id).sort()).toEqual([a, b].sort());
      expect(listed[0]!.tags.map((tag) => [tag.name, tag.confidence])).toEqual([
        ['Pricing', 0.8],
        ['Onboarding', 0.4],
      ]);
      expect(listed[0]!.confidence).toBe(0.8);
      // "Onboarding at 65 % or more": its 40 % does not count because Pricing reaches 80 %.
      expect(await tagged({ runId, tagIds: [tags['Onboarding']], minConfidence: 0.65 })).toEqual(
        [],
      );
      expect(
        (await tagged({ runId, tagIds: [tags['Onboarding']], minConfidence: 0.4 })).length,
      ).toBe(2);
    });

    it('accepting at 65 % puts only the tags at 65 % or more on the highlight', async () => {
      const { a, b } = await twoTagRun('Interview accepted at a threshold');
      await t.ok(
        `mutation($id: ID!, $i: AcceptSuggestionInput) { acceptSuggestion(id: $id, input: $i) { id status } }`,
        { id: a, i: { minConfidence: 0.65 } },
        owner.token,
      );
      expect(await highlightTags(a)).toEqual(['Pricing']);
      // Without a threshold every suggested tag goes on the highlight, as before.
      await t.ok(
        `mutation($id: ID!) { acceptSuggestion(id: $id) { id status } }`,
        { id: b },
        owner.token,
      );
      expect(await highlightTags(b)).toEqual(['Onboarding', 'Pricing']);
    });

    it('bulk accept at 65 % takes each suggestion with only its tags at 65 % or more', async () => {
      const { runId, a, b } = await twoTagRun('Interview accepted in bulk');
      const bulk = await t.ok<{ acceptSuggestions: { accepted: number; skipped: number } }>(
        `mutation($i: AcceptSuggestionsInput!) { acceptSuggestions(input: $i) { accepted skipped } }`,
        { i: { runId, minConfidence: 0.65 } },
        owner.token,
      );
      expect(bulk.acceptSuggestions).toEqual({ accepted: 2, skipped: 0 });
      expect(await highlightTags(a)).toEqual(['Pricing']);
      expect(await highlightTags(b)).toEqual(['Pricing']);
      const left = await tagged({ runId, status: 'PENDING' });
      expect(left.length).toBeGreaterThan(0);
      expect(left.every((s) => s.tags.every((tag) => tag.name === 'Support'))).toBe(true);
    });
  });

  it('gives identical suggestions when the same analysis runs twice on the same data', async () => {
    const db = t.app.get(DataSource);
    const copy = await uploadCopy('Interview analysed twice');
    // The examples people made at one instant, so that only a total order keeps them in place.
    await db.query(
      `UPDATE highlight SET created_at = '2026-01-01T00:00:00Z' WHERE project_id = $1`,
      [projectId],
    );
    const analyse = async () => {
      const runId = (await finished((await start([copy.id])).data!.startAnalysis.id)).id;
      const made = await db.query<object[]>(
        `SELECT start_index, start_offset, end_index, end_offset, quote, tag_ids, tag_confidences, confidence, rationale
           FROM suggestion WHERE run_id = $1 ORDER BY start_index, start_offset, end_index, end_offset`,
        [runId],
      );
      // Gone, so that the next run does not skip them as already proposed.
      await db.query(`DELETE FROM suggestion WHERE run_id = $1`, [runId]);
      return made;
    };
    const once = await analyse();
    // The same rows, stored in another physical order.
    await db.query(
      `UPDATE highlight SET note = note WHERE project_id = $1 AND id IN (SELECT id FROM highlight WHERE project_id = $1 ORDER BY id LIMIT 3)`,
      [projectId],
    );
    const again = await analyse();
    expect(once.length).toBeGreaterThan(0);
    expect(again).toEqual(once);
  });

  it('finds new themes across interviews and accepting one creates a tag of that name', async () => {
    // Two 20-minute interviews about a product's screens (deterministic synthetic text).
    const interviews: TranscriptView[] = [];
    for (const seed of [11, 12]) {
      const up = await t.upload(projectId, owner.token, {
        name: `synthetic-${seed}.txt`,
        bytes: makeSyntheticTranscript({ format: 'TEXT', minutes: 20, seed }),
      });
      const tr = await t.waitForTranscript(up.body['id'] as string, owner.token);
      // The researcher marks who asked the questions (the first speaker).
      const asker = tr.participants.find((x) => x.id === tr.segments[0]!.participant?.id)!;
      await t.ok(
        `mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { id } }`,
        { i: { id: asker.id, isInterviewer: true } },
        owner.token,
      );
      interviews.push(await t.waitForTranscript(tr.id, owner.token));
    }
    const r = await finished(
      (
        await start(
          interviews.map((x) => x.id),
          'INDUCTIVE',
        )
      ).data!.startAnalysis.id,
    );
    expect(r.status).toBe('COMPLETED');
    expect(r.themes.length).toBeGreaterThan(1);
    const list = await suggestions({ runId: r.id });
    expect(list.length).toBe(r.summary.total);
    expect(list.every((s) => s.themeName && s.tags.length === 0)).toBe(true);
    // A theme proposes its most representative quotes, not every turn it covers.
    for (const theme of r.themes) expect(theme.suggestionCount).toBeLessThanOrEqual(8);
    for (const s of list) {
      const tr = interviews.find((x) => x.id === s.transcriptId)!;
      expect(s.quote).toBe(textAt(tr, s.start, s.end));
      expect(s.rationale).toContain(`“${s.themeName}”`);
      const interviewers = tr.participants.filter((x) => x.isInterviewer).map((x) => x.id);
      expect(interviewers).toHaveLength(1);
      expect(interviewers).not.toContain(tr.segments[s.startIndex]!.participant?.id);
    }
    const accepted = await t.ok<{ acceptSuggestion: Suggestion }>(
      `mutation($id: ID!) { acceptSuggestion(id: $id) { ${SUGGESTION} } }`,
      { id: list[0]!.id },
      owner.token,
    );
    const codebook = await t.ok<{ tags: { id: string; name: string }[] }>(
      `query($p: ID!) { tags(projectId: $p) { id name } }`,
      { p: projectId },
      owner.token,
    );
    expect(codebook.tags.map((x) => x.name.toLowerCase())).toContain(
      list[0]!.themeName!.toLowerCase(),
    );
    expect(accepted.acceptSuggestion.highlightId).toBeTruthy();
  });

  it('refuses bad starts with clear errors and loses nothing', async () => {
    const other = await t.newProject();
    const alien = await t.upload(other.projectId, other.user.token, {
      name: 'x.txt',
      bytes: SECOND,
    });
    const alienTranscript = await t.waitForTranscript(alien.body['id'] as string, other.user.token);
    const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) =>
      r.errors?.[0]?.extensions?.['code'];

    expect(code(await start([alienTranscript.id]))).toBe('NOT_FOUND');
    expect(code(await start(['00000000-0000-4000-8000-000000000000']))).toBe('NOT_FOUND');
    expect(code(await start([]))).toBe('BAD_USER_INPUT');
    expect(code(await start(['not-an-id']))).toBe('BAD_USER_INPUT');
    expect(code(await start([second.id], 'DEDUCTIVE', owner.token, 'OPENAI'))).toBe(
      'BAD_USER_INPUT',
    );
    // Another workspace's run and suggestions are invisible.
    const theirRun = await t.ok<{ startAnalysis: { id: string } }>(
      `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
      { i: { projectId: other.projectId, transcriptIds: [alienTranscript.id], mode: 'INDUCTIVE' } },
      other.user.token,
    );
    await finished(theirRun.startAnalysis.id).catch(() => undefined);
    expect(
      code(
        await t.gql(
          `query($id: ID!) { analysisRun(id: $id) { id } }`,
          { id: theirRun.startAnalysis.id },
          owner.token,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(
      code(
        await t.gql(
          `query($f: SuggestionFilter!) { suggestions(filter: $f) { totalCount } }`,
          { f: { runId: theirRun.startAnalysis.id } },
          owner.token,
        ),
      ),
    ).toBe('NOT_FOUND');
    // A filter naming their run is checked against their run, whatever else it names.
    const mixed = await t.gql(
      `query($f: SuggestionFilter!) { suggestions(filter: $f) { totalCount } }`,
      { f: { projectId, runId: theirRun.startAnalysis.id } },
      owner.token,
    );
    expect(code(mixed)).toBe('NOT_FOUND');

    const empty = await t.newProject(owner);
    const up = await t.upload(empty.projectId, owner.token, { name: 'y.txt', bytes: SECOND });
    const tr = await t.waitForTranscript(up.body['id'] as string, owner.token);
    const noTags = await t.gql(
      `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
      {
        i: { projectId: empty.projectId, transcriptIds: [tr.id], mode: 'DEDUCTIVE' },
      },
      owner.token,
    );
    expect(code(noTags)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(noTags.errors)).toMatch(/codebook/i);
  });

  it('does nothing when a chunk job runs again after its work was committed (a retry after a crash)', async () => {
    const r = await finished((await start([second.id], 'INDUCTIVE')).data!.startAnalysis.id);
    const db = t.app.get(DataSource);
    const count = async () =>
      (
        await db.query<[{ n: number }]>(
          `SELECT count(*)::int AS n FROM suggestion WHERE run_id = $1`,
          [r.id],
        )
      )[0].n;
    const before = { suggestions: await count(), run: await run(r.id) };
    // As if the worker had died after committing but before acknowledging the job.
    await db.query(`UPDATE analysis_run SET status = 'RUNNING' WHERE id = $1`, [r.id]);
    await t.app
      .get(AnalysisWorker)
      .analyseChunk(
        { runId: r.id, chunkIndex: 0 },
        { jobId: 'again', attempt: 2, isFinalAttempt: false },
      );
    await db.query(`UPDATE analysis_run SET status = 'COMPLETED' WHERE id = $1`, [r.id]);
    expect(await count()).toBe(before.suggestions);
    expect((await run(r.id)).summary).toEqual(before.run.summary);
    expect((await run(r.id)).chunksDone).toBe(before.run.chunksDone);
  });

  it('finishes a run that a restart interrupted (its jobs were lost)', async () => {
    const db = t.app.get(DataSource);
    // A run the previous process had queued: its jobs died with it.
    const [{ id }] = await db.query<[{ id: string }]>(
      `INSERT INTO analysis_run (project_id, mode, provider, status, transcript_ids, redaction)
       VALUES ($1, 'INDUCTIVE', 'OFFLINE', 'QUEUED', ARRAY[$2]::uuid[], '{"emails":true,"phones":true,"names":true}') RETURNING id`,
      [projectId, first.id],
    );
    await t.jobs.idle();
    expect((await run(id)).status).toBe('QUEUED');
    await t.app.get(JobReconciler).runOnce(0);
    const done = await finished(id);
    expect(done).toMatchObject({ status: 'COMPLETED', progress: 1 });
  });

  it('learns from a rejection: the same words in another interview are not proposed with that tag again', async () => {
    const a = await uploadCopy('Fifth interview');
    const first = await suggestions({
      runId: (await finished((await start([a.id])).data!.startAnalysis.id)).id,
    });
    const rejected = first.find((s) => s.tags.some((x) => x.name === 'Pricing'))!;
    expect(rejected).toBeDefined();
    await t.ok(
      `mutation($id: ID!) { rejectSuggestion(id: $id, reason: "Not about our product") { id } }`,
      { id: rejected.id },
      owner.token,
    );
    const b = await uploadCopy('Sixth interview');
    const later = await suggestions({
      runId: (await finished((await start([b.id])).data!.startAnalysis.id)).id,
    });
    expect(
      later.filter((s) => s.quote === rejected.quote && s.tags.some((x) => x.name === 'Pricing')),
    ).toEqual([]);
    // The rest of what the first run found is still found.
    expect(later.length).toBeGreaterThan(0);
  });

  it('finds the rest of an interview in which someone has started highlighting', async () => {
    const copy = await uploadCopy('Seventh interview');
    await highlight(copy, 'the price per seat is too expensive for our budget', [tags['Pricing']!]);
    const found = await suggestions({
      runId: (await finished((await start([copy.id])).data!.startAnalysis.id)).id,
    });
    // The interview's own untagged talk is not taken as counter-evidence: its other pricing quote is found.
    expect(
      found
        .filter((s) => s.tags.some((x) => x.name === 'Pricing'))
        .map((s) => s.quote)
        .join(' '),
    ).toMatch(/yearly plan costs more/);
  });

  it('cancels a run once; a finished run cannot be cancelled', async () => {
    const r = await finished((await start([second.id], 'INDUCTIVE')).data!.startAnalysis.id);
    const res = await t.gql(
      `mutation($id: ID!) { cancelAnalysis(id: $id) { id status } }`,
      { id: r.id },
      owner.token,
    );
    expect(res.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
  });
});
