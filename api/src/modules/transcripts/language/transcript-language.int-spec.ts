import { DataSource } from 'typeorm';
import { TestApp, type TestUser } from '../../../../test/test-app';
import { JobReconciler } from '../../../jobs/reconciler';

const SEARCH = `query($i: SearchInput!) { search(input: $i) { edges { node { kind snippet transcript { id } } } } }`;
const TRANSCRIPT = `query($id: ID!) { transcript(id: $id) { segments { text } } }`;
const LANGUAGE = `query($id: ID!) { transcript(id: $id) { language languageSource } }`;
const UPDATE_TRANSCRIPT = `mutation($i: UpdateTranscriptInput!) { updateTranscript(input: $i) { id language languageSource } }`;
const UPDATE_PROJECT = `mutation($i: UpdateProjectInput!) { updateProject(input: $i) { id defaultLanguage } }`;
const SEGMENTS = `query($id: ID!) { transcript(id: $id) { segments { id text } } }`;
const HIGHLIGHT = `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`;

interface Language {
  language: string | null;
  languageSource: string | null;
}

/** Too short for detection: a few words of German with a plural. */
const SHORT_GERMAN = 'Interviewerin: Und?\n\nJonas: Die Häuser waren alt.\n';

describe('transcript languages', () => {
  let t: TestApp;
  let owner: TestUser;
  let projectId: string;

  const language = async (id: string): Promise<Language> =>
    (await t.ok<{ transcript: Language }>(LANGUAGE, { id }, owner.token)).transcript;
  /** The transcripts whose turns match, as ids. */
  const found = async (query: string, pid = projectId): Promise<string[]> => {
    const res = await t.ok<{
      search: { edges: { node: { kind: string; transcript: { id: string } } }[] };
    }>(SEARCH, { i: { projectId: pid, query, kinds: ['SEGMENT'] } }, owner.token);
    return [...new Set(res.search.edges.map((e) => e.node.transcript.id))];
  };
  const upload = async (fixture: string, pid = projectId): Promise<string> => {
    const res = await t.uploadFixture(pid, owner.token, `language/${fixture}`);
    expect(res.status).toBe(201);
    const id = res.body['id'] as string;
    expect((await t.waitForTranscript(id, owner.token)).status).toBe('READY');
    return id;
  };
  const importText = async (content: string, pid = projectId): Promise<string> => {
    const transcript = await t.importText(pid, owner.token, 'notes.txt', content);
    expect(transcript.status).toBe('READY');
    return transcript.id;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    const p = await t.newProject();
    owner = p.user;
    projectId = p.projectId;
  });
  afterAll(() => t.close());

  it.each([
    ['expenses-interview-en.txt', 'en', ['spreadsheet', 'receipt', 'invoice', 'approval']],
    ['expenses-interview-de.vtt', 'de', ['Tabelle', 'Rechnung', 'Freigabe', 'Erinnerung']],
    ['expenses-interview-es.srt', 'es', ['hoja', 'factura', 'recibo', 'recordatorio']],
    ['expenses-interview-fr.txt', 'fr', ['tableur', 'facture', 'justificatif', 'rappel']],
  ])(
    'detects the language of %s (no language metadata): %s, and the singular finds the plural',
    async (fixture, expected, singulars) => {
      const id = await upload(fixture);
      expect(await language(id)).toEqual({ language: expected, languageSource: 'DETECTED' });
      const text = (
        await t.ok<{ transcript: { segments: { text: string }[] } }>(
          TRANSCRIPT,
          { id },
          owner.token,
        )
      ).transcript.segments
        .map((s) => s.text)
        .join(' ');
      for (const singular of singulars) {
        // The file has only the plural, so only stemming can match.
        expect(text).not.toMatch(new RegExp(`\\b${singular}\\b`, 'i'));
        expect(await found(singular)).toContain(id);
      }
    },
  );

  it("uses the project's default for a text too short to detect, and re-indexes when it changes", async () => {
    const { projectId: pid } = await t.newProject(owner);
    const short = await importText(SHORT_GERMAN, pid);
    expect(await language(short)).toEqual({ language: null, languageSource: null });
    expect(await found('Haus', pid)).toEqual([]);

    const english = await upload('expenses-interview-en.txt', pid);
    const manual = await importText('Ann: Les maisons.\n\nBo: Oui.\n', pid);
    await t.ok(UPDATE_TRANSCRIPT, { i: { id: manual, language: 'fr' } }, owner.token);

    const set = await t.ok<{ updateProject: { defaultLanguage: string } }>(
      UPDATE_PROJECT,
      { i: { id: pid, defaultLanguage: 'de' } },
      owner.token,
    );
    expect(set.updateProject.defaultLanguage).toBe('de');
    await t.jobs.idle();
    expect(await language(short)).toEqual({ language: 'de', languageSource: 'PROJECT' });
    expect(await found('Haus', pid)).toEqual([short]);
    // Detected and hand-set languages are the transcripts' own: the default does not touch them.
    expect(await language(english)).toEqual({ language: 'en', languageSource: 'DETECTED' });
    expect(await language(manual)).toEqual({ language: 'fr', languageSource: 'MANUAL' });

    // A new short transcript takes the default at once.
    const later = await importText('Ann: Wie war es?\n\nBo: Die Rechnungen kamen spät.\n', pid);
    expect(await language(later)).toEqual({ language: 'de', languageSource: 'PROJECT' });
    expect(await found('Rechnung', pid)).toEqual([later]);

    await t.ok(UPDATE_PROJECT, { i: { id: pid, defaultLanguage: null } }, owner.token);
    await t.jobs.idle();
    expect(await language(short)).toEqual({ language: null, languageSource: null });
    expect(await found('Haus', pid)).toEqual([]);
  });

  it('re-indexes a project whose change of default lost its job, when the reconciler passes', async () => {
    const { projectId: pid } = await t.newProject(owner);
    const short = await importText(SHORT_GERMAN, pid);
    // The default changed, but the re-index job never ran (Redis lost it, the process stopped).
    await t.app
      .get(DataSource)
      .query(`UPDATE project SET default_language = 'de' WHERE id = $1`, [pid]);
    expect(await found('Haus', pid)).toEqual([]);
    const outcome = await t.app.get(JobReconciler).runOnce(0);
    expect(outcome['language defaults']?.requeued).toBeGreaterThanOrEqual(1);
    await t.jobs.idle();
    expect(await language(short)).toEqual({ language: 'de', languageSource: 'PROJECT' });
    expect(await found('Haus', pid)).toEqual([short]);
  });

  it("re-indexes the transcript's highlights, quote and note, when its language changes", async () => {
    const { projectId: pid } = await t.newProject(owner);
    const id = await importText(SHORT_GERMAN, pid);
    const { segments } = (
      await t.ok<{ transcript: { segments: { id: string; text: string }[] } }>(
        SEGMENTS,
        { id },
        owner.token,
      )
    ).transcript;
    const turn = segments.find((s) => s.text.includes('Häuser'))!;
    const highlight = (
      await t.ok<{ createHighlight: { id: string } }>(
        HIGHLIGHT,
        {
          i: {
            transcriptId: id,
            start: { segmentId: turn.id, offset: 0 },
            end: { segmentId: turn.id, offset: turn.text.length },
            note: 'Die Rechnungen',
          },
        },
        owner.token,
      )
    ).createHighlight.id;
    const highlights = async (query: string): Promise<string[]> =>
      (
        await t.ok<{ search: { edges: { node: { highlight: { id: string } } }[] } }>(
          `query($i: SearchInput!) { search(input: $i) { edges { node { highlight { id } } } } }`,
          { i: { projectId: pid, query, kinds: ['HIGHLIGHT'] } },
          owner.token,
        )
      ).search.edges.map((e) => e.node.highlight.id);
    // No language yet: no stemming, so the singulars find nothing.
    expect(await highlights('Haus')).toEqual([]);
    expect(await highlights('Rechnung')).toEqual([]);

    await t.ok(UPDATE_TRANSCRIPT, { i: { id, language: 'de' } }, owner.token);
    await t.jobs.idle();
    expect(await highlights('Haus')).toEqual([highlight]);
    expect(await highlights('Rechnung')).toEqual([highlight]);
  });

  it('lets an editor set the language by hand and go back to automatic', async () => {
    const { projectId: pid } = await t.newProject(owner);
    const id = await upload('expenses-interview-es.srt', pid);
    const manual = await t.ok<{ updateTranscript: Language }>(
      UPDATE_TRANSCRIPT,
      { i: { id, language: 'pt' } },
      owner.token,
    );
    expect(manual.updateTranscript).toMatchObject({ language: 'pt', languageSource: 'MANUAL' });
    const automatic = await t.ok<{ updateTranscript: Language }>(
      UPDATE_TRANSCRIPT,
      { i: { id, language: null } },
      owner.token,
    );
    expect(automatic.updateTranscript).toMatchObject({
      language: 'es',
      languageSource: 'DETECTED',
    });
    expect(await found('factura', pid)).toEqual([id]);
  });

  it("keeps a file's declared language over detection and the project default", async () => {
    const { projectId: pid } = await t.newProject(owner);
    await t.ok(UPDATE_PROJECT, { i: { id: pid, defaultLanguage: 'fr' } }, owner.token);
    const whisper = JSON.stringify({
      language: 'de',
      segments: [{ start: 0, end: 3, text: 'Die Häuser in der Stadt waren alt.' }],
    });
    const res = await t.upload(pid, owner.token, { name: 'berlin.json', bytes: whisper });
    const id = res.body['id'] as string;
    await t.waitForTranscript(id, owner.token);
    expect(await language(id)).toEqual({ language: 'de', languageSource: 'FILE' });
    expect(await found('Haus', pid)).toEqual([id]);
  });

  it('lists the languages search can stem, and refuses a default that is not a language tag', async () => {
    const list = await t.ok<{ searchLanguages: { code: string; name: string }[] }>(
      `{ searchLanguages { code name } }`,
      {},
      owner.token,
    );
    expect(list.searchLanguages).toEqual(
      expect.arrayContaining([
        { code: 'en', name: 'English' },
        { code: 'de', name: 'German' },
        { code: 'es', name: 'Spanish' },
        { code: 'fr', name: 'French' },
      ]),
    );
    const bad = await t.gql(
      UPDATE_PROJECT,
      { i: { id: projectId, defaultLanguage: "de'; DROP" } },
      owner.token,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
