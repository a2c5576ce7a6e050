import { expect } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AnalysisRunEntity, AnalysisRunStatus } from '../src/modules/analysis/analysis-run.entity';
import {
  MatchKind,
  SuggestionEntity,
  SuggestionStatus,
} from '../src/modules/analysis/suggestion.entity';
import { StatementCounter } from './statement-counter';
import { TestApp, type TestUser, type TranscriptView } from './test-app';
import { wsRequest, wsSubscribe } from './ws-client';

/**
 * The main list queries run a fixed number of SQL statements, whatever the number of rows: one
 * project of each list is seeded with 3 rows, another with 30, and both are asked the same
 * query. A field that loads per row (an N+1) makes the larger one run 27 statements more.
 */

const TRANSCRIPTS = `query($p: ID!) { transcripts(projectId: $p, first: 40) { totalCount edges { node {
  id title status segmentCount participants { id displayName isInterviewer segmentCount } } } } }`;
const TRANSCRIPT_TURNS = `query($p: ID!) { transcripts(projectId: $p, first: 50) { edges { node {
  id segments(limit: 3) { id text participant { id displayName segmentCount } } } } } }`;
const HIGHLIGHTS = `query($f: HighlightFilter!) { highlights(filter: $f, first: 50) { totalCount edges { node {
  id quote tags { id name source } transcript { id title } participant { id displayName segmentCount }
  author { id name } commentCount } } } }`;
const TAGS = `query($p: ID!) { tags(projectId: $p) { id name parentId usageCount } }`;
const TAG_EVIDENCE = `query($f: HighlightFilter!) { tagEvidence(filter: $f) {
  tag { id name } highlightCount participantCount transcriptCount } }`;
const SEARCH = `query($i: SearchInput!) { search(input: $i, first: 50) { totalCount edges { node {
  kind snippet transcript { id title } segment { id index speaker } highlight { id } } }
  tags { id name } participants { id displayName } } }`;
const SUGGESTIONS = `query($f: SuggestionFilter!) { suggestions(filter: $f, first: 50) { totalCount edges { node {
  id quote status confidence tags { id name } transcript { id title } reviewedBy { id name } } } } }`;
const RUNS = `query($p: ID!) { analysisRuns(projectId: $p, first: 50) { totalCount edges { node {
  id status createdBy { id name } transcripts { id title } summary { total pending accepted rejected }
  themes { name suggestionCount } usage { requests } } } } }`;
const PROJECTS = `query($w: ID!) { projects(workspaceId: $w, first: 50) { totalCount edges { node {
  id name transcriptCount lastSeenAt aiSettings { aiAllowed defaultProvider } } } } }`;
const INSIGHTS = `query($w: ID!) { insights(filter: { workspaceId: $w }, first: 50) { totalCount edges { node {
  id title status author { id name } tags { id name } evidenceCount { highlights participants transcripts }
  evidence { highlight { id quote transcript { id } } } } } } }`;
const COMMENTS = `query($t: ID!) { comments(targetType: TRANSCRIPT, targetId: $t, first: 40) { totalCount
  edges { node { id body author { id name } replyCount mentions { id name } reactions { emoji count reactedByMe }
  replies { id body author { id name } mentions { id } reactions { emoji count } } } } } }`;
const PROJECT_ACTIVITY = `query($w: ID!, $p: ID, $since: DateTime) {
  activity(workspaceId: $w, projectId: $p, since: $since, first: 50) { totalCount edges { node {
  id verb summary actor { id name } } } } }`;
const ACTIVITY = `query($w: ID!) { activity(workspaceId: $w, first: 50) { totalCount edges { node {
  id verb summary actor { id name } } } } }`;

interface Seeded {
  workspaceId: string;
  projectId: string;
  transcripts: TranscriptView[];
  runIds: string[];
}

describe('SQL statements of the main list queries', () => {
  let t: TestApp;
  let counter: StatementCounter;
  let owner: TestUser;
  const projects: Record<'small' | 'large', Seeded> = {} as Record<'small' | 'large', Seeded>;

  /** A speaker name of letters only, different for every transcript ("Ana Kab"). */
  const person = (first: string, i: number) =>
    `${first} K${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`;
  const interview = (i: number) => `Interviewer: How do you plan research, round ${i}?
${person('Ana', i)}: We plan on Mondays; the shared calendar is the hardest part.
Interviewer: What would help?
${person('Ben', i)}: A better calendar would help a lot, honestly.
Interviewer: Anything else?
${person('Ana', i)}: Time zones confuse everyone on the team.
Interviewer: And you?
${person('Ben', i)}: Meetings run late.
`;

  async function seed(rows: number): Promise<Seeded> {
    const { workspaceId, projectId } = await t.newProject(owner);
    for (let i = 1; i < rows; i++) {
      await t.ok(
        `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
        { i: { workspaceId, name: `Study ${i}` } },
        owner.token,
      );
    }
    const ids: string[] = [];
    for (let i = 0; i < rows; i++) {
      const data = await t.ok<{ importTranscript: { id: string } }>(
        `mutation($i: ImportTranscriptInput!) { importTranscript(input: $i) { id } }`,
        { i: { projectId, filename: `interview-${i}.txt`, content: interview(i) } },
        owner.token,
      );
      ids.push(data.importTranscript.id);
    }
    const transcripts: TranscriptView[] = [];
    for (const id of ids) transcripts.push(await t.waitForTranscript(id, owner.token));

    const tagIds: string[] = [];
    for (let i = 0; i < rows; i++) {
      const data = await t.ok<{ createTag: { id: string } }>(
        `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
        { i: { projectId, name: `Calendar theme ${i}`, parentId: tagIds[0] ?? null } },
        owner.token,
      );
      tagIds.push(data.createTag.id);
    }
    // Highlights on the first transcript, one per row, on the interviewee's turn.
    const first = transcripts[0]!;
    const turn = first.segments[1]!;
    const highlightIds: string[] = [];
    for (let i = 0; i < rows; i++) {
      const made = await t.ok<{ createHighlight: { id: string } }>(
        `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
        {
          i: {
            transcriptId: first.id,
            start: { segmentId: turn.id, offset: 0 },
            end: { segmentId: turn.id, offset: 10 + (i % 20) },
            tagIds: [tagIds[i]!, tagIds[(i + 1) % rows]!],
          },
        },
        owner.token,
      );
      highlightIds.push(made.createHighlight.id);
    }
    // Insights, each resting on two of those highlights and carrying a tag.
    for (let i = 0; i < rows; i++) {
      await t.ok(
        `mutation($i: CreateInsightInput!) { createInsight(input: $i) { id } }`,
        {
          i: {
            projectId,
            title: `Finding ${i}`,
            highlightIds: [highlightIds[i]!, highlightIds[(i + 1) % rows]!],
            tagIds: [tagIds[i]!],
          },
        },
        owner.token,
      );
    }

    // Threads on the first transcript, each with a reply, a mention and a reaction.
    for (let i = 0; i < rows; i++) {
      const thread = await t.ok<{ addComment: { id: string } }>(
        `mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`,
        {
          i: {
            targetType: 'TRANSCRIPT',
            targetId: first.id,
            body: `Thread ${i}`,
            mentionIds: [owner.id],
          },
        },
        owner.token,
      );
      const parentId = thread.addComment.id;
      await t.ok(
        `mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`,
        { i: { targetType: 'TRANSCRIPT', targetId: first.id, body: 'A reply', parentId } },
        owner.token,
      );
      await t.ok(
        `mutation($id: ID!) { reactToComment(id: $id, emoji: "👍") { id } }`,
        {
          id: parentId,
        },
        owner.token,
      );
    }

    // Finished analysis runs and the suggestions of the first, written as the worker would.
    const db = t.app.get(DataSource);
    const runs = await db.getRepository(AnalysisRunEntity).save(
      Array.from({ length: rows }, () =>
        db.getRepository(AnalysisRunEntity).create({
          projectId,
          mode: 'DEDUCTIVE' as AnalysisRunEntity['mode'],
          provider: 'OFFLINE' as AnalysisRunEntity['provider'],
          status: AnalysisRunStatus.COMPLETED,
          transcriptIds: ids,
          redaction: { emails: false, phones: false, names: false },
          createdById: owner.id,
        }),
      ),
    );
    await db.getRepository(SuggestionEntity).save(
      transcripts.map((tr, i) =>
        db.getRepository(SuggestionEntity).create({
          runId: runs[0]!.id,
          projectId,
          transcriptId: tr.id,
          chunkIndex: 0,
          startSegmentId: tr.segments[1]!.id,
          startIndex: 1,
          startOffset: 0,
          endSegmentId: tr.segments[1]!.id,
          endIndex: 1,
          endOffset: 10,
          quote: tr.segments[1]!.text.slice(0, 10),
          tagIds: [tagIds[i]!],
          rationale: 'About the calendar.',
          confidence: 0.8,
          matchKind: MatchKind.EXACT,
          matchSimilarity: 1,
          fingerprint: `fp-${i}`,
          status: i % 2 ? SuggestionStatus.REJECTED : SuggestionStatus.PENDING,
          reviewedById: i % 2 ? owner.id : null,
          reviewedAt: i % 2 ? new Date() : null,
        }),
      ),
    );
    return { workspaceId, projectId, transcripts, runIds: runs.map((r) => r.id) };
  }

  beforeAll(async () => {
    t = await TestApp.start();
    counter = StatementCounter.attach(t);
    owner = await t.signUp('Owner');
    projects.small = await seed(3);
    projects.large = await seed(30);
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  /**
   * Each list with the statements it takes: every request starts with the session lookup and
   * the access check (2); then its count and its page, and one statement per relation asked
   * for, whatever the number of rows.
   */
  const cases: {
    name: string;
    query: string;
    variables: (p: Seeded) => object;
    rows: (data: never) => number;
    statements: number;
  }[] = [
    {
      name: 'transcripts with their speakers and turn counts',
      query: TRANSCRIPTS,
      variables: (p) => ({ p: p.projectId }),
      rows: (d: { transcripts: { edges: unknown[] } }) => d.transcripts.edges.length,
      statements: 5, // count, page, participants
    },
    {
      name: 'transcripts with a window of their turns and speakers',
      query: TRANSCRIPT_TURNS,
      variables: (p) => ({ p: p.projectId }),
      rows: (d: { transcripts: { edges: unknown[] } }) => d.transcripts.edges.length,
      statements: 6, // count, page, turns, participants
    },
    {
      name: 'highlights of a transcript with their tags, transcript, speaker and author',
      query: HIGHLIGHTS,
      variables: (p) => ({ f: { projectId: p.projectId, transcriptId: p.transcripts[0]!.id } }),
      rows: (d: { highlights: { edges: unknown[] } }) => d.highlights.edges.length,
      statements: 8, // count, page, tags, speakers, their turn counts, comment counts
    },
    {
      name: 'the codebook with usage counts',
      query: TAGS,
      variables: (p) => ({ p: p.projectId }),
      rows: (d: { tags: unknown[] }) => d.tags.length,
      statements: 3,
    },
    {
      name: 'tag evidence',
      query: TAG_EVIDENCE,
      variables: (p) => ({ f: { projectId: p.projectId } }),
      rows: (d: { tagEvidence: unknown[] }) => d.tagEvidence.length,
      statements: 4,
    },
    {
      name: 'search results',
      query: SEARCH,
      variables: (p) => ({ i: { projectId: p.projectId, query: 'calendar' } }),
      rows: (d: { search: { edges: unknown[] } }) => d.search.edges.length,
      statements: 7, // languages, count, page, tag names, participant names
    },
    {
      name: 'suggestions with their tags, transcript and reviewer',
      query: SUGGESTIONS,
      variables: (p) => ({ f: { projectId: p.projectId } }),
      rows: (d: { suggestions: { edges: unknown[] } }) => d.suggestions.edges.length,
      statements: 5, // page, count, tags
    },
    {
      name: 'analysis runs with their summary, themes and creator',
      query: RUNS,
      variables: (p) => ({ p: p.projectId }),
      rows: (d: { analysisRuns: { edges: unknown[] } }) => d.analysisRuns.edges.length,
      statements: 8, // count, page ids, page, transcript titles, summaries, themes
    },
    {
      name: 'projects with their AI settings',
      query: PROJECTS,
      variables: (p) => ({ w: p.workspaceId }),
      rows: (d: { projects: { edges: unknown[] } }) => d.projects.edges.length,
      statements: 8, // role, count, page, transcript counts, AI settings, read markers
    },
    {
      name: 'insights of a workspace with their author, tags, evidence and counts',
      query: INSIGHTS,
      variables: (p) => ({ w: p.workspaceId }),
      rows: (d: { insights: { edges: unknown[] } }) => d.insights.edges.length,
      statements: 10, // count, page, evidence, its highlights (with tags, speakers), tags, counts
    },
    {
      name: 'comment threads with their replies, mentions and reactions',
      query: COMMENTS,
      variables: (p) => ({ t: p.transcripts[0]!.id }),
      rows: (d: { comments: { edges: unknown[] } }) => d.comments.edges.length,
      statements: 10, // page, count, replies, reply counts, mentions and reactions of each level
    },
    {
      name: 'activity with its actors',
      query: ACTIVITY,
      variables: (p) => ({ w: p.workspaceId }),
      rows: (d: { activity: { edges: unknown[] } }) => d.activity.edges.length,
      statements: 6,
    },
    {
      name: "a project's activity since an instant",
      query: PROJECT_ACTIVITY,
      variables: (p) => ({ w: p.workspaceId, p: p.projectId, since: '2000-01-01T00:00:00Z' }),
      rows: (d: { activity: { edges: unknown[] } }) => d.activity.edges.length,
      statements: 6, // workspace and project access, count, page ids, page
    },
  ];

  it.each(cases)('$name: $statements statements for 3 rows or 30', async (c) => {
    const small = await counter.ok(c.query, c.variables(projects.small), owner.token);
    const large = await counter.ok(c.query, c.variables(projects.large), owner.token);
    expect(c.rows(small.data as never)).toBeGreaterThanOrEqual(3);
    expect(c.rows(large.data as never)).toBeGreaterThanOrEqual(30);
    // On failure Jest prints the statements: the one repeated per row is the N+1.
    expect(small.statements).toHaveLength(c.statements);
    expect(large.statements).toHaveLength(c.statements);
  });

  it('answers the same over graphql-ws, whose operations have loaders of their own', async () => {
    const variables = { p: projects.large.projectId };
    const overHttp = await t.ok(TRANSCRIPTS, variables, owner.token);
    const overWs = await wsRequest(t, TRANSCRIPTS, variables, owner.token);
    expect(overWs.errors).toBeUndefined();
    expect(overWs.data).toEqual(overHttp);
  });

  it('loads the relations of every event of a live subscription afresh', async () => {
    const { projectId, runIds } = projects.large;
    const pending = (
      await t.ok<{ suggestions: { edges: { node: { id: string } }[] } }>(
        `query($f: SuggestionFilter!) { suggestions(filter: $f, first: 50) { edges { node { id } } } }`,
        { f: { runId: runIds[0], status: 'PENDING' } },
        owner.token,
      )
    ).suggestions.edges.map((e) => e.node.id);
    const reject = (id: string) =>
      t.ok(`mutation($id: ID!) { rejectSuggestion(id: $id) { id } }`, { id }, owner.token);
    type RunEvent = { analysisRunUpdated: { summary: { pending: number; rejected: number } } };
    const stream = wsSubscribe<RunEvent>(
      t,
      owner.token,
      `subscription($p: ID!) { analysisRunUpdated(projectId: $p) { id summary { pending rejected } } }`,
      { p: projectId },
    );
    try {
      // The subscription is in place once an event arrives; each rejection publishes the run.
      while (!stream.events.length && pending.length > 2) {
        await reject(pending.shift()!);
        await stream.until((s) => s.events.length > 0, 'an event', 500).catch(() => undefined);
      }
      const before = stream.events.at(-1)!.analysisRunUpdated.summary;
      await reject(pending.shift()!);
      await stream.until(
        (s) => s.events.at(-1)!.analysisRunUpdated.summary.pending !== before.pending,
        'an event with the new counts',
        10_000,
      );
      expect(stream.events.at(-1)!.analysisRunUpdated.summary).toEqual({
        pending: before.pending - 1,
        rejected: before.rejected + 1,
      });
    } finally {
      await stream.close();
    }
  });
});
