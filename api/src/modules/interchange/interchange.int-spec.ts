import { type QdaCode, readCodebook, readProject } from '@verbatim/interop';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  fixtureText,
  HAS_XMLLINT,
  validateAgainstSchema,
} from '../../../../libs/interop/src/testing/xmllint';
import {
  deflatedSpaces,
  qdpx,
  rawZip,
  unzip,
} from '../../../../libs/interop/src/testing/zip-bytes';
import { DataSource } from 'typeorm';
import { FileStore } from '../../common/files/file-store';
import { queryRows } from '../../database/sql';
import { JobReconciler } from '../../jobs/reconciler';
import { TestApp, type TestUser } from '../../../test/test-app';
import { ExportFormat, ExportKind } from '../exports/export-renderer';
import { CodebookRenderer, ProjectRenderer } from './export/refi-renderers';

const SHARED = '/work/shared/testdata/refi-qda/qdpx';

interface ImportView {
  id: string;
  status: string;
  progress: number;
  projectId: string | null;
  error: string | null;
  warnings: { code: string; message: string }[];
  counts: { transcripts: number; codes: number; codings: number };
}

const IMPORT_QUERY = `query($id: ID!) { projectImport(id: $id) {
  id status progress projectId error warnings { code message } counts { transcripts codes codings }
} }`;

interface TagView {
  id: string;
  name: string;
  color: string;
  description: string | null;
  parentId: string | null;
}

interface HighlightView {
  quote: string;
  note: string | null;
  start: { segmentId: string; offset: number };
  end: { segmentId: string; offset: number };
  tags: { name: string }[];
}

describe('REFI-QDA interchange', () => {
  let t: TestApp;
  let work: string;
  beforeAll(async () => {
    t = await TestApp.start();
    work = mkdtempSync(path.join(tmpdir(), 'verbatim-refi-'));
  });
  afterAll(() => t.close());

  async function postImport(
    workspaceId: string,
    token: string | undefined,
    file: { name: string; bytes: Uint8Array | string },
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const form = new FormData();
    form.append(
      'file',
      new Blob([typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes)]),
      file.name,
    );
    const res = await fetch(`${t.baseUrl}/api/workspaces/${workspaceId}/imports`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
    return {
      status: res.status,
      body: (await res.json().catch(() => ({}))) as Record<string, unknown>,
    };
  }

  async function importAndWait(
    workspaceId: string,
    user: TestUser,
    file: { name: string; bytes: Uint8Array | string },
  ): Promise<ImportView> {
    const res = await postImport(workspaceId, user.token, file);
    if (res.status !== 201) throw new Error(`import: ${res.status} ${JSON.stringify(res.body)}`);
    expect(res.body['status']).toBe('QUEUED');
    await t.jobs.idle();
    for (let i = 0; i < 400; i++) {
      const data = await t.ok<{ projectImport: ImportView }>(
        IMPORT_QUERY,
        { id: res.body['id'] },
        user.token,
      );
      if (data.projectImport.status === 'READY' || data.projectImport.status === 'FAILED')
        return data.projectImport;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the import never finished');
  }

  async function projectCount(workspaceId: string, token: string): Promise<number> {
    const data = await t.ok<{ projects: { totalCount: number } }>(
      `query($w: ID!) { projects(workspaceId: $w) { totalCount } }`,
      { w: workspaceId },
      token,
    );
    return data.projects.totalCount;
  }

  async function render(kind: ExportKind, projectId: string, file: string): Promise<string> {
    const renderer =
      kind === ExportKind.PROJECT ? t.app.get(ProjectRenderer) : t.app.get(CodebookRenderer);
    const outPath = path.join(work, file);
    const progress: number[] = [];
    await renderer.render({
      exportId: 'test',
      kind,
      format: kind === ExportKind.PROJECT ? ExportFormat.QDPX : ExportFormat.QDC,
      projectId,
      subjectId: null,
      params: {},
      requestedBy: 'test',
      outPath,
      progress: (f) => Promise.resolve(void progress.push(f)),
      signal: new AbortController().signal,
    });
    expect(progress.at(-1)).toBe(1);
    return outPath;
  }

  async function projectContents(projectId: string, token: string) {
    const listed = await t.ok<{
      tags: TagView[];
      transcripts: { edges: { node: { id: string } }[] };
      highlights: { totalCount: number; edges: { node: HighlightView }[] };
    }>(
      `query($p: ID!) {
        tags(projectId: $p) { id name color description parentId }
        transcripts(projectId: $p, first: 10) { edges { node { id } } }
        highlights(filter: { projectId: $p }, first: 100) {
          totalCount edges { node { quote note start { segmentId offset } end { segmentId offset } tags { name } } }
        }
      }`,
      { p: projectId },
      token,
    );
    const transcripts: {
      node: {
        title: string;
        status: string;
        segments: { id: string; index: number; speaker: string | null; text: string }[];
      };
    }[] = [];
    for (const { node } of listed.transcripts.edges) {
      const one = await t.ok<{ transcript: (typeof transcripts)[number]['node'] }>(
        `query($id: ID!) { transcript(id: $id) { title status segments(limit: 1000) { id index speaker text } } }`,
        { id: node.id },
        token,
      );
      transcripts.push({ node: one.transcript });
    }
    const data = { ...listed, transcripts: { edges: transcripts } };
    const segmentPlace = new Map<string, { transcript: string; index: number }>();
    for (const { node } of data.transcripts.edges)
      for (const s of node.segments)
        segmentPlace.set(s.id, { transcript: node.title, index: s.index });
    const byId = new Map(data.tags.map((tag) => [tag.id, tag]));
    return {
      tags: data.tags
        .map((tag) => ({
          name: tag.name,
          color: tag.color.toLowerCase(),
          description: tag.description,
          parent: tag.parentId ? (byId.get(tag.parentId)?.name ?? '?') : null,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      transcripts: data.transcripts.edges
        .map(({ node }) => ({
          title: node.title,
          status: node.status,
          turns: node.segments.map((s) => [s.speaker, s.text]),
        }))
        .sort((a, b) => a.title.localeCompare(b.title)),
      highlights: data.highlights.edges
        .map(({ node }) => ({
          quote: node.quote,
          note: node.note,
          start: { ...segmentPlace.get(node.start.segmentId), offset: node.start.offset },
          end: { ...segmentPlace.get(node.end.segmentId), offset: node.end.offset },
          tags: node.tags.map((tag) => tag.name).sort(),
        }))
        .sort((a, b) => a.quote.localeCompare(b.quote)),
    };
  }

  /** A project with accents and emoji in its turns, nested tags and a highlight across turns. */
  async function richProject() {
    const { user, workspaceId, projectId } = await t.newProject();
    const transcript = await t.importText(
      projectId,
      user.token,
      'entretien.txt',
      [
        'Interviewer: Qu’est-ce qui vous a fait changer ? 🤔',
        '',
        'Zoë Ñúñez: Le prix 💶, surtout. Et l’équipe était <vraiment> géniale.',
        '',
        'Interviewer: Et ensuite ?',
        '',
        'Zoë Ñúñez: Ensuite 🚀 on a tout migré en une semaine.',
      ].join('\n'),
    );
    expect(transcript.status).toBe('READY');
    const tag = async (name: string, color: string, parentId?: string, description?: string) =>
      (
        await t.ok<{ createTag: { id: string } }>(
          `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
          { i: { projectId, name, color, parentId, description } },
          user.token,
        )
      ).createTag.id;
    const motives = await tag('Motives', '#aa3300', undefined, 'Why people switch; not how.');
    const price = await tag('Price 💶', '#22aa44', motives);
    const team = await tag('Équipe', '#1144ee', motives);
    const speed = await tag('Speed', '#888888');
    const seg = transcript.segments;
    const highlight = (
      startTurn: number,
      startText: string,
      endTurn: number,
      endText: string,
      tagIds: string[],
      note?: string,
    ) =>
      t.ok(
        `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
        {
          i: {
            transcriptId: transcript.id,
            start: {
              segmentId: seg[startTurn]!.id,
              offset: seg[startTurn]!.text.indexOf(startText),
            },
            end: {
              segmentId: seg[endTurn]!.id,
              offset: seg[endTurn]!.text.indexOf(endText) + endText.length,
            },
            tagIds,
            note,
          },
        },
        user.token,
      );
    await highlight(1, 'Le prix', 1, '💶', [price], 'Le prix d’abord — “cher”');
    // Across two turns, starting and ending on emoji.
    await highlight(2, 'Et ensuite', 3, '🚀', [team, speed]);
    await highlight(3, 'on a tout', 3, 'semaine.', []);
    return { user, workspaceId, projectId };
  }

  it('exports a project and imports it again with the same transcripts, codebook and highlights', async () => {
    const { user, workspaceId, projectId } = await richProject();
    const file = await render(ExportKind.PROJECT, projectId, 'round-trip.qdpx');
    const bytes = readFileSync(file);

    // What QDA tools read: valid QDA-XML, the transcript as labelled turns.
    const entries = await unzip(bytes);
    if (HAS_XMLLINT) {
      const verdict = validateAgainstSchema(entries.get('project.qde')!, 'project');
      expect(verdict.output).not.toMatch(/fails to validate|error/i);
      expect(verdict.valid).toBe(true);
    }
    const { project, warnings } = await readProject(bytes);
    expect(warnings).toEqual([]);
    expect(project.origin).toBe('Verbatim');
    expect(project.sources).toHaveLength(1);
    expect(project.sources[0]!.text).toBe(
      'Interviewer: Qu’est-ce qui vous a fait changer ? 🤔\n\n' +
        'Zoë Ñúñez: Le prix 💶, surtout. Et l’équipe était <vraiment> géniale.\n\n' +
        'Interviewer: Et ensuite ?\n\n' +
        'Zoë Ñúñez: Ensuite 🚀 on a tout migré en une semaine.',
    );
    const quotes = project.sources[0]!.selections.map((s) =>
      project.sources[0]!.text.slice(s.start, s.end),
    );
    expect(quotes).toContain('Et ensuite ?\n\nZoë Ñúñez: Ensuite 🚀');
    expect(project.users.map((u) => u.name)).toEqual(['Ada Researcher']);

    const imported = await importAndWait(workspaceId, user, { name: 'round-trip.qdpx', bytes });
    expect(imported).toMatchObject({
      status: 'READY',
      error: null,
      progress: 1,
      warnings: [],
      counts: { transcripts: 1, codes: 4, codings: 3 },
    });
    expect(imported.projectId).not.toBe(projectId);
    const [before, after] = await Promise.all([
      projectContents(projectId, user.token),
      projectContents(imported.projectId!, user.token),
    ]);
    expect(after).toEqual(before);
    expect(after.highlights.map((h) => h.quote)).toEqual([
      'Et ensuite ?\nEnsuite 🚀',
      'Le prix 💶',
      'on a tout migré en une semaine.',
    ]);
    // The new project is named after the exported one, told apart from it.
    const names = await t.ok<{ projects: { edges: { node: { id: string; name: string } }[] } }>(
      `query($w: ID!) { projects(workspaceId: $w) { edges { node { id name } } } }`,
      { w: workspaceId },
      user.token,
    );
    expect(names.projects.edges.find((e) => e.node.id === imported.projectId)?.node.name).toBe(
      'Onboarding study (2)',
    );
    // Imported turns are searchable like uploaded ones.
    const search = await t.ok<{ search: { totalCount: number } }>(
      `query($i: SearchInput!) { search(input: $i) { totalCount } }`,
      { i: { projectId: imported.projectId, query: 'semaine' } },
      user.token,
    );
    expect(search.search.totalCount).toBeGreaterThan(0);
  });

  describe('through the exports core', () => {
    interface ExportView {
      id: string;
      status: string;
      filename: string;
      error: string | null;
    }
    const FIELDS = 'id status filename error';

    async function finished(id: string, user: TestUser): Promise<ExportView> {
      for (let i = 0; i < 400; i++) {
        await t.jobs.idle();
        const res = await t.ok<{ export: ExportView }>(
          `query($id: ID!) { export(id: $id) { ${FIELDS} } }`,
          { id },
          user.token,
        );
        if (res.export.status === 'READY' || res.export.status === 'FAILED') return res.export;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`export ${id} never finished`);
    }

    async function download(id: string, user: TestUser): Promise<Buffer> {
      const res = await fetch(`${t.baseUrl}/api/exports/${id}/download`, {
        headers: { authorization: `Bearer ${user.token}` },
      });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    }

    it('exportProject and exportCodebook give files to download that other tools read', async () => {
      const { user, projectId } = await richProject();
      const asked = await t.ok<{ exportProject: ExportView }>(
        `mutation($i: ExportProjectInput!) { exportProject(input: $i) { ${FIELDS} } }`,
        { i: { projectId, format: 'QDPX' } },
        user.token,
      );
      expect(asked.exportProject).toMatchObject({
        status: 'QUEUED',
        filename: 'Onboarding study.qdpx',
      });
      const ready = await finished(asked.exportProject.id, user);
      expect(ready).toMatchObject({ status: 'READY', error: null });
      const bytes = await download(ready.id, user);
      if (HAS_XMLLINT)
        expect(
          validateAgainstSchema((await unzip(bytes)).get('project.qde')!, 'project').valid,
        ).toBe(true);
      const { project } = await readProject(bytes);
      expect(project.sources.map((s) => s.selections.length)).toEqual([3]);
      expect(project.codes.map((c) => c.name)).toEqual(['Motives', 'Speed']);

      const codebook = await t.ok<{ exportCodebook: ExportView }>(
        `mutation($i: ExportCodebookInput!) { exportCodebook(input: $i) { ${FIELDS} } }`,
        { i: { projectId } },
        user.token,
      );
      expect(codebook.exportCodebook.filename).toBe('Onboarding study – codebook.qdc');
      const qdc = await finished(codebook.exportCodebook.id, user);
      expect(qdc.status).toBe('READY');
      const xml = (await download(qdc.id, user)).toString('utf8');
      if (HAS_XMLLINT) expect(validateAgainstSchema(xml, 'codebook').valid).toBe(true);
      expect(readCodebook(xml).codebook.codes.map((c) => c.children.length)).toEqual([2, 0]);
    });

    it('refuses other formats, and a codebook export of a project without tags fails with its reason', async () => {
      const { user, projectId } = await t.newProject();
      const wrong = await t.gql(
        `mutation($i: ExportProjectInput!) { exportProject(input: $i) { id } }`,
        { i: { projectId, format: 'QDC' } },
        user.token,
      );
      expect(wrong.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      const asked = await t.ok<{ exportCodebook: ExportView }>(
        `mutation($i: ExportCodebookInput!) { exportCodebook(input: $i) { ${FIELDS} } }`,
        { i: { projectId } },
        user.token,
      );
      const failed = await finished(asked.exportCodebook.id, user);
      expect(failed).toMatchObject({
        status: 'FAILED',
        error: 'This project has no tags yet: a codebook file needs at least one.',
      });
    });
  });

  it('exports the codebook as a valid .qdc with hierarchy, colours and descriptions, and imports it', async () => {
    const { user, workspaceId, projectId } = await richProject();
    const file = await render(ExportKind.CODEBOOK, projectId, 'codebook.qdc');
    const xml = readFileSync(file, 'utf8');
    if (HAS_XMLLINT) expect(validateAgainstSchema(xml, 'codebook').valid).toBe(true);
    const { codebook } = readCodebook(xml);
    expect(
      codebook.codes.map((c) => [c.name, c.color, c.description, c.children.map((k) => k.name)]),
    ).toEqual([
      ['Motives', '#AA3300', 'Why people switch; not how.', ['Price 💶', 'Équipe']],
      ['Speed', '#888888', undefined, []],
    ]);
    const imported = await importAndWait(workspaceId, user, { name: 'Codes.qdc', bytes: xml });
    expect(imported).toMatchObject({
      status: 'READY',
      counts: { transcripts: 0, codes: 4, codings: 0 },
    });
    const [before, after] = await Promise.all([
      projectContents(projectId, user.token),
      projectContents(imported.projectId!, user.token),
    ]);
    expect(after.tags).toEqual(before.tags);
    expect(after.transcripts).toEqual([]);
  });

  it('imports the ATLAS.ti and Taguette codebooks, and refuses the truncated one with a sentence', async () => {
    const { user, workspaceId } = await t.newProject();
    const atlas = await importAndWait(workspaceId, user, {
      name: 'atlas.qdc',
      bytes: fixtureText('qdc/atlasti-23.4-codebook-valid.qdc'),
    });
    expect(atlas.status).toBe('READY');
    const countCodes = (codes: QdaCode[]): number =>
      codes.reduce((n, c) => n + 1 + countCodes(c.children), 0);
    expect(atlas.counts.codes).toBe(
      countCodes(readCodebook(fixtureText('qdc/atlasti-23.4-codebook-valid.qdc')).codebook.codes),
    );
    expect(atlas.counts.codes).toBeGreaterThan(0);
    const taguette = await importAndWait(workspaceId, user, {
      name: 'taguette.qdc',
      bytes: fixtureText('qdc/taguette-expected-codebook.qdc'),
    });
    expect(taguette.status).toBe('READY');
    const before = await projectCount(workspaceId, user.token);
    const truncated = await importAndWait(workspaceId, user, {
      name: 'truncated.qdc',
      bytes: fixtureText('qdc/atlasti-23.4-codebook-truncated-cs.qdc'),
    });
    expect(truncated.status).toBe('FAILED');
    expect(truncated.error).toMatch(/cut off/);
    expect(truncated.projectId).toBeNull();
    expect(await projectCount(workspaceId, user.token)).toBe(before);
  });

  const describeShared = existsSync(SHARED) ? describe : describe.skip;
  describeShared('samples from other QDA tools (read from /work/shared when present)', () => {
    it('imports the qc project with its 262 codes and its codings', async () => {
      const { user, workspaceId } = await t.newProject();
      const bytes = readFileSync(path.join(SHARED, 'qc-1.3.2-demo-coded.qdpx'));
      const { project } = await readProject(bytes);
      const imported = await importAndWait(workspaceId, user, { name: 'qc.qdpx', bytes });
      expect(imported.status).toBe('READY');
      expect(imported.counts.codes).toBe(262);
      expect(imported.counts.transcripts).toBe(project.sources.length);
      const codings = project.sources.reduce(
        (n, s) => n + s.selections.reduce((m, sel) => m + sel.codings.length, 0),
        0,
      );
      const lost = imported.warnings.filter((w) => w.code === 'SELECTION_OUTSIDE_TURNS');
      if (!lost.length) expect(imported.counts.codings).toBe(codings);
      else expect(imported.counts.codings).toBeGreaterThan(0);
      // Each selection's words are where the file says they are (a speaker label the selection
      // began with is not part of a turn's words, so a quote may be the selection without it).
      const contents = await projectContents(imported.projectId!, user.token);
      const norm = (text: string) => text.replace(/\s+/g, ' ').trim();
      const fileQuotes = project.sources.flatMap((s) =>
        s.selections.map((sel) => norm(s.text.slice(sel.start, sel.end))),
      );
      expect(contents.highlights.length).toBeGreaterThan(50);
      for (const h of contents.highlights)
        expect(fileQuotes.some((q) => q.endsWith(norm(h.quote)))).toBe(true);
    });

    it('imports the NVivo project and lists what it could not take over', async () => {
      const { user, workspaceId } = await t.newProject();
      const bytes = readFileSync(path.join(SHARED, 'nvivo-mac-15-export.qdpx'));
      const imported = await importAndWait(workspaceId, user, { name: 'nvivo.qdpx', bytes });
      expect(imported.status).toBe('READY');
      expect(imported.counts.codes).toBeGreaterThan(0);
      expect(imported.warnings.map((w) => w.code)).toContain('RICH_TEXT_ONLY');
      for (const w of imported.warnings) expect(w.message).toMatch(/\.$/);
    });
  });

  describe('hostile archives are refused with a sentence and nothing is created', () => {
    const CODE = '34653336-3766-3235-6466-363134396437';
    const SOURCE = 'd097e6fd-7671-4d95-a8b6-7795fa4a72e1';
    const qde = (extra = '', sources = '') =>
      '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Evil" origin="x">' +
      `<CodeBook><Codes><Code guid="${CODE}" name="c" isCodable="true"/></Codes></CodeBook>` +
      `<Sources>${sources}</Sources>${extra}</Project>`;
    const cases: [string, () => Uint8Array, RegExp][] = [
      [
        'a zip bomb',
        () =>
          rawZip([
            { name: 'project.qde', content: qde() },
            {
              name: `sources/${SOURCE}.txt`,
              deflated: { payload: deflatedSpaces(300), declaredSize: 300 * 1024 * 1024 },
            },
          ]),
        /zip bomb|unpack|larger/i,
      ],
      [
        'a path out of the archive',
        () =>
          rawZip([
            { name: 'project.qde', content: qde() },
            { name: '../../etc/cron.d/evil', content: 'gotcha' },
          ]),
        /points outside the archive/,
      ],
      [
        'entity expansion (billion laughs)',
        () =>
          qdpx(
            qde().replace(
              '<Project ',
              `<!DOCTYPE Project [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<Project description="&lol2;" `,
            ),
          ),
        /DOCTYPE|document type|entit/i,
      ],
      [
        'an external entity',
        () =>
          qdpx(
            qde().replace(
              '<Project ',
              '<!DOCTYPE Project [<!ENTITY passwd SYSTEM "file:///etc/passwd">]>\n<Project description="&passwd;" ',
            ),
          ),
        /DOCTYPE|document type|entit/i,
      ],
      [
        'an absurd number of entries',
        () =>
          rawZip([
            { name: 'project.qde', content: qde() },
            ...Array.from({ length: 20_000 }, (_, i) => ({
              name: `sources/${i}.txt`,
              store: true,
            })),
          ]),
        /at most 10,000 are read/,
      ],
      ['bytes that are no archive', () => Buffer.from('PK\u0003\u0004 not really a zip'), /./],
    ];
    it.each(cases)('%s', async (_what, make, message) => {
      const { user, workspaceId } = await t.newProject();
      const before = await projectCount(workspaceId, user.token);
      const imported = await importAndWait(workspaceId, user, { name: 'evil.qdpx', bytes: make() });
      expect(imported.status).toBe('FAILED');
      expect(imported.error).toMatch(message);
      expect(imported.error).toMatch(/\.$/);
      expect(imported.projectId).toBeNull();
      expect(await projectCount(workspaceId, user.token)).toBe(before);
    });

    it('refuses a file that is neither a project nor a codebook at once', async () => {
      const { user, workspaceId } = await t.newProject();
      const res = await postImport(workspaceId, user.token, { name: 'notes.txt', bytes: 'hello' });
      expect(res.status).toBe(400);
      expect(res.body['message']).toMatch(/\.qdpx.*\.qdc/);
    });
  });

  describe('imports whose job was lost', () => {
    async function strandedImport(workspaceId: string, userId: string, requeues: number) {
      const files = t.app.get(FileStore);
      const staged = await files.stageBuffer(
        Buffer.from(fixtureText('qdc/taguette-expected-codebook.qdc')),
      );
      const key = `imports/${workspaceId}/stranded-${Date.now()}`;
      await files.commit(staged, key);
      const [row] = await queryRows<{ id: string }>(
        t.app.get(DataSource),
        `INSERT INTO project_import (workspace_id, kind, filename, byte_size, storage_key, status, requested_by_id, requeues, updated_at)
         VALUES ($1, 'QDC', 'stranded.qdc', $2, $3, 'RUNNING', $4, $5, now() - interval '1 hour') RETURNING id`,
        [workspaceId, staged.byteSize, key, userId, requeues],
      );
      return row!.id;
    }

    const view = async (id: string, token: string) => {
      await t.jobs.idle();
      for (let i = 0; i < 200; i++) {
        const data = await t.ok<{ projectImport: ImportView }>(IMPORT_QUERY, { id }, token);
        if (['READY', 'FAILED'].includes(data.projectImport.status)) return data.projectImport;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the import never finished');
    };

    it('queues a stranded import again, and it makes its project once', async () => {
      const { user, workspaceId } = await t.newProject();
      const id = await strandedImport(workspaceId, user.id, 0);
      const before = await projectCount(workspaceId, user.token);
      const outcome = await t.app.get(JobReconciler).runOnce(0);
      expect(outcome['project-imports']).toMatchObject({ requeued: 1, failed: 0 });
      const done = await view(id, user.token);
      expect(done.status).toBe('READY');
      expect(done.counts.codes).toBeGreaterThan(0);
      expect(await projectCount(workspaceId, user.token)).toBe(before + 1);
    });

    it('fails an import queued again too often, with the reason', async () => {
      const { user, workspaceId } = await t.newProject();
      const id = await strandedImport(workspaceId, user.id, 3);
      const outcome = await t.app.get(JobReconciler).runOnce(0);
      expect(outcome['project-imports']).toMatchObject({ failed: 1 });
      const failed = await view(id, user.token);
      expect(failed.status).toBe('FAILED');
      expect(failed.error).toMatch(/interrupted 4 times.*Nothing was created/);
      expect(failed.projectId).toBeNull();
    });
  });

  describe('who may import', () => {
    it('refuses viewers and commenters, other workspaces and anonymous callers', async () => {
      const { user: owner, workspaceId } = await t.newProject();
      const qdc = fixtureText('qdc/taguette-expected-codebook.qdc');
      for (const role of ['VIEWER', 'COMMENTER']) {
        const member = await t.join(owner, workspaceId, role);
        const res = await postImport(workspaceId, member.token, { name: 'c.qdc', bytes: qdc });
        expect(res.status).toBe(403);
      }
      const editor = await t.join(owner, workspaceId, 'EDITOR');
      const ok = await importAndWait(workspaceId, editor, { name: 'c.qdc', bytes: qdc });
      expect(ok.status).toBe('READY');

      const { user: stranger, workspaceId: theirs } = await t.newProject();
      const res = await postImport(workspaceId, stranger.token, { name: 'c.qdc', bytes: qdc });
      expect(res.status).toBe(404);
      const read = await t.gql(IMPORT_QUERY, { id: ok.id }, stranger.token);
      expect(read.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
      expect((await postImport(workspaceId, undefined, { name: 'c.qdc', bytes: qdc })).status).toBe(
        401,
      );
      // Their own workspace is where their imports go.
      const own = await importAndWait(theirs, stranger, { name: 'c.qdc', bytes: qdc });
      expect(own.status).toBe('READY');
    });
  });
});

describe('REFI-QDA import size limit', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ MAX_UPLOAD_BYTES: '2kb' })));
  afterAll(() => t.close());

  it('accepts a file of exactly MAX_UPLOAD_BYTES and answers 413 for one byte more, creating nothing', async () => {
    const { user, workspaceId } = await t.newProject();
    const post = async (bytes: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), 'codes.qdc');
      return fetch(`${t.baseUrl}/api/workspaces/${workspaceId}/imports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.token}` },
        body: form,
      });
    };
    const head =
      '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="t"><Codes>' +
      '<Code guid="34653336-3766-3235-6466-363134396437" name="equity" isCodable="true"/></Codes></CodeBook>\n';
    const exact = Buffer.concat([Buffer.from(head), Buffer.alloc(2048 - head.length, 0x20)]);
    expect((await post(exact)).status).toBe(201);
    const over = await post(Buffer.concat([exact, Buffer.from(' ')]));
    expect(over.status).toBe(413);
    expect(((await over.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    await t.jobs.idle();
    const projects = await t.ok<{ projects: { totalCount: number } }>(
      `query($w: ID!) { projects(workspaceId: $w) { totalCount } }`,
      { w: workspaceId },
      user.token,
    );
    // The project of newProject and the one the accepted file made.
    expect(projects.projects.totalCount).toBe(2);
  });
});
