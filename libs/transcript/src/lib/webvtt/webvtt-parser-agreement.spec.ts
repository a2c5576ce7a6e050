import entities from 'webvtt-parser/html-entities.json';
import { WebVTTParser } from 'webvtt-parser';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FIXTURES_DIR, fixtureText } from '../../testing/fixture-files';
import { parseWebVttCues } from './webvtt-file-parser';
import { parseWebVttTranscript } from './webvtt-transcript';

/** Where our strict layer and webvtt-parser 2.2 (w3c/webvtt.js) deliberately disagree. */
const DISAGREEMENTS: Readonly<Record<string, string>> = {
  'webvtt/webvtt-py/invalid.vtt':
    'no WEBVTT line: the spec aborts (we do); webvtt-parser reports it and reads on',
};

function vttFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return vttFiles(path);
    return name.endsWith('.vtt') ? [relative(FIXTURES_DIR, path)] : [];
  });
}

function theirCues(text: string): Array<[string, number, number, string]> {
  return new WebVTTParser(entities)
    .parse(text, 'metadata')
    .cues.map((c) => [c.id, c.startTime, c.endTime, c.text]);
}

function ourCues(text: string): Array<[string, number, number, string]> {
  return parseWebVttCues(text).cues.map((c) => [c.id, c.startTime, c.endTime, c.text]);
}

describe('agreement with webvtt-parser (w3c/webvtt.js) on every fixture .vtt', () => {
  const files = vttFiles(FIXTURES_DIR);

  it.each(files.filter((f) => !(f in DISAGREEMENTS)))(
    'gives the same cues (id, times, text) for %s',
    (file) => {
      const text = fixtureText(file);
      expect(ourCues(text)).toEqual(theirCues(text));
    },
  );

  it('still disagrees where listed (so the list cannot go stale)', () => {
    for (const file of Object.keys(DISAGREEMENTS)) {
      const text = fixtureText(file);
      expect(ourCues(text)).not.toEqual(theirCues(text));
    }
  });

  it('finds the same <v> voices as webvtt-parser', () => {
    const file = 'srt/go-astisub/voice-names-in.vtt';
    const voices = new WebVTTParser(entities)
      .parse(fixtureText(file), 'metadata')
      .cues.map((c) => c.tree.children.find((n) => n.type === 'object' && n.name === 'v')?.value);
    const ours = parseWebVttTranscript(fixtureText(file)).utterances.map((u) => u.speaker);
    expect([...ours].sort()).toEqual([...voices].sort());
  });
});
