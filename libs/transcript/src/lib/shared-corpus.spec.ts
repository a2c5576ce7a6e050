import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTranscript } from './parse-transcript';
import { type ParsedTranscript } from './types';

// Real transcripts whose licences (GPL/AGPL/unclear) keep them out of this repository. They are
// read from the shared test-data folder when this machine has it, and skipped otherwise.
const SHARED = '/work/shared/testdata/transcripts';
const describeIfShared = existsSync(SHARED) ? describe : describe.skip;

async function parse(file: string): Promise<ParsedTranscript> {
  return parseTranscript(new Uint8Array(readFileSync(join(SHARED, file))), { filename: file });
}

/** Speaker runs found independently with a line regex: consecutive repeats collapsed. */
function labelRuns(file: string, pattern: RegExp): string[] {
  const labels = readFileSync(join(SHARED, file), 'utf8')
    .split(/\r?\n/)
    .map((line) => pattern.exec(line)?.[1]?.trim())
    .filter((label): label is string => label !== undefined);
  return labels.filter((label, i) => label !== labels[i - 1]);
}

describeIfShared(
  'shared real-world corpus (skipped when /work/shared/testdata is absent: files not licensed for copying)',
  () => {
    it('reads the Rev-style research interview with its three speakers and wrapped lines', async () => {
      const file = 'qc-demo-cs-education/admin-1-interview.txt';
      const parsed = await parse(file);
      expect(parsed.format).toBe('TEXT');
      expect(new Set(parsed.turns.map((t) => t.speaker))).toEqual(
        new Set(['Max Bigman', 'admin-1', 'Automation']),
      );
      expect(parsed.turns.map((t) => t.speaker)).toEqual(
        labelRuns(file, /^([^:\s][^:]{0,38}):\s{2,}/),
      );
      expect(
        parsed.turns.some((t) => t.text.includes('[Pallis 00:00:52] Unified School District')),
      ).toBe(true);
    });

    it('reads the board meeting with its many speakers', async () => {
      const file = 'qc-demo-cs-education/board-2017-meeting.txt';
      const parsed = await parse(file);
      expect(parsed.turns.map((t) => t.speaker)).toEqual(
        labelRuns(file, /^([^:\s][^:]{0,38}):\s{2,}/),
      );
      expect(new Set(parsed.turns.map((t) => t.speaker)).size).toBeGreaterThan(30);
    });

    it('reads the Otter export: headers with times, consecutive same-speaker headers merged', async () => {
      const file = 'ladybug-otter/62-security.otter.md';
      const parsed = await parse(file);
      const runs = labelRuns(file, /^(\S[^\t]*?) {2}\d{1,2}:\d{2}(?::\d{2})? {2}$/);
      expect(parsed.turns.map((t) => t.speaker)).toEqual(runs);
      expect(new Set(runs)).toEqual(
        new Set(['Emma', 'Kelly', 'Sidney', 'Unknown Speaker', 'Tailor']),
      );
      expect(parsed.turns[parsed.turns.length - 1]?.text).not.toMatch(/otter\.ai/);
      expect(parsed.turns[parsed.turns.length - 1]?.startMs).toBe((55 * 60 + 21) * 1000);
    });

    it('reads the unlabelled podcast VTT as paragraphs, not one giant turn', async () => {
      const parsed = await parse('talkpython-313-pydantic/313-pydantic.vtt');
      expect(new Set(parsed.turns.map((t) => t.speaker))).toEqual(new Set([null]));
      expect(parsed.turns.length).toBeGreaterThan(60);
      expect(Math.max(...parsed.turns.map((t) => t.text.length))).toBeLessThan(1600);
      expect(parsed.durationMs).toBeGreaterThan(60 * 60 * 1000);
    });

    it('starts a turn at each of the 159 "- " speaker changes of the dash-turns VTT', async () => {
      const parsed = await parse('talkpython-313-pydantic/313-pydantic.youtube-dash-turns.vtt');
      expect(parsed.turns.length).toBeGreaterThanOrEqual(159);
      expect(parsed.turns[0]?.text).toBe('Hey, Samuel. Welcome to Talk Python To Me.');
      expect(parsed.turns.every((t) => !t.text.startsWith('- '))).toBe(true);
    });

    it('reads the HH:MM:SS timestamped text as timed paragraphs', async () => {
      const parsed = await parse('talkpython-313-pydantic/313-pydantic.timestamped.txt');
      expect(parsed.turns.length).toBeGreaterThan(60);
      expect(
        parsed.turns.every((t) => t.startMs !== null && !/^\d\d:\d\d:\d\d /.test(t.text)),
      ).toBe(true);
    });
  },
);
