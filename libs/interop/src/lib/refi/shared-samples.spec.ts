import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type QdaCode } from './model';
import { readProject } from './read-project';

// Real .qdpx exports whose licence (AGPL-3.0, from cproctor/qualitative-coding) keeps them out of
// this repository. They are read from the shared test-data folder when this machine has it, and
// skipped otherwise; fixtures/README.md says where they come from.
const SHARED = '/work/shared/testdata/refi-qda/qdpx';
const describeIfShared = existsSync(SHARED) ? describe : describe.skip;

function flatten(codes: QdaCode[], depth = 0): { code: QdaCode; depth: number }[] {
  return codes.flatMap((code) => [{ code, depth }, ...flatten(code.children, depth + 1)]);
}

describeIfShared(
  'shared REFI-QDA exports (skipped when /work/shared/testdata is absent: AGPL files not copied here)',
  () => {
    it('reads the qc 1.3.2 export: the codebook, both sources, and every selection on its line', async () => {
      const file = join(SHARED, 'qc-1.3.2-demo-coded.qdpx');
      const { project, warnings } = await readProject({ path: file });
      expect(warnings).toEqual([]);
      expect(project.origin).toBe('qc 1.3.2');
      expect(project.users).toEqual([{ guid: '39633935-3331-3962-6632-373436373264', name: 'cp' }]);

      const codes = flatten(project.codes);
      expect(codes).toHaveLength(262);
      expect(project.codes.map((c) => c.name)).toEqual([
        'rq1_definition',
        'rq2_curriculum_and_instruction',
        'rq3_process',
      ]);
      // Codes per level, as counted in project.qde with another XML reader.
      const perLevel = [0, 1, 2, 3, 4, 5, 6].map((d) => codes.filter((c) => c.depth === d).length);
      expect(perLevel).toEqual([3, 18, 112, 91, 26, 9, 3]);

      expect(project.sources.map((s) => [s.name, s.text.length])).toEqual([
        ['board_2017', 52_543],
        ['admin-1', 31_906],
      ]);
      const [board, admin] = project.sources;
      expect(admin?.selections).toEqual([]);
      expect(board?.selections).toHaveLength(158);
      expect(board?.selections.flatMap((s) => s.codings)).toHaveLength(205);

      // qc names each selection after the 0-based line it covers, line break included.
      const lines = board?.text.split(/(?<=\n)/) ?? [];
      for (const selection of board?.selections ?? []) {
        const line = Number(/^line:(\d+)$/.exec(selection.name ?? '')?.[1]);
        expect(board?.text.slice(selection.start, selection.end)).toBe(lines[line]);
      }
      const known = new Set(codes.map((c) => c.code.guid));
      expect(board?.selections.every((s) => s.codings.every((c) => known.has(c.codeGuid)))).toBe(
        true,
      );
    });

    it('reads the NVivo for Mac 15 export: the codebook, and its Word-only sources as warnings', async () => {
      const bytes = new Uint8Array(readFileSync(join(SHARED, 'nvivo-mac-15-export.qdpx')));
      const { project, warnings } = await readProject(bytes);
      expect(project.origin).toBe('NVivo for Mac 15.0.0');
      expect(project.users.map((u) => [u.name, u.id])).toEqual([
        ['chrisp', 'CP'],
        ['cp', 'C'],
      ]);
      expect(flatten(project.codes)).toHaveLength(262);
      expect(project.creationDateTime).toEqual(new Date('2024-09-15T15:36:45Z'));
      expect(project.sources).toEqual([]);
      // NVivo names its sources with hex-encoded text; each has a DOCX and a 1-byte .txt.
      const sources = [
        ['66653866-6334-3535-3435-366637306566', 'd097e6fd-7671-4d95-a8b6-7795fa4a72e1'],
        ['33663939-3636-3632-3038-613431643463', 'e65f5ee2-9a55-47f1-bb0b-4921d8ce15c4'],
      ];
      expect(warnings).toEqual(
        sources.map(([name, guid]) => ({
          code: 'RICH_TEXT_ONLY',
          message:
            `The source “${name}” was not imported: its text is only in the rich-text document ` +
            `“internal://${guid}.docx”, and Verbatim reads plain text. Export it from the other ` +
            'program as plain text, or upload the document as a transcript.',
        })),
      );
    });

    it('reads both exports’ codebooks alike: same names in the same hierarchy', async () => {
      const qc = await readProject({ path: join(SHARED, 'qc-1.3.2-demo-coded.qdpx') });
      const nvivo = await readProject({ path: join(SHARED, 'nvivo-mac-15-export.qdpx') });
      const shape = (codes: QdaCode[]): unknown => codes.map((c) => [c.name, shape(c.children)]);
      expect(shape(nvivo.project.codes)).toEqual(shape(qc.project.codes));
    });
  },
);
