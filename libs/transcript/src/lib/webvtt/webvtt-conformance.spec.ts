import { runInNewContext } from 'node:vm';
import { fixtureBytes, fixtureFiles, fixtureJson, fixtureText } from '../../testing/fixture-files';
import { parseWebVttCueText, type WebVttNode } from './webvtt-cue-text';
import { parseWebVttCues } from './webvtt-file-parser';

const FILE_PARSING = 'webvtt/wpt-file-parsing';
const CUE_TEXT = 'webvtt/wpt-cue-text-parsing';

/**
 * Vectors that test details this layer deliberately does not model, each with its reason. Each
 * listed vector is asserted to still fail, so the list cannot go stale. Empty: all vectors pass.
 */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {};

function describeValue(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** testharness.js semantics: `assert_equals` uses SameValue (so -0 !== 0, NaN === NaN). */
const harness = {
  assert_equals: (actual: unknown, expected: unknown, message?: string): void => {
    if (!Object.is(actual, expected)) {
      throw new Error(
        `${message ?? 'assert_equals'}: expected ${describeValue(expected)}, got ${describeValue(actual)}`,
      );
    }
  },
  assert_not_equals: (actual: unknown, expected: unknown, message?: string): void => {
    if (Object.is(actual, expected))
      throw new Error(`${message ?? 'assert_not_equals'}: both ${describeValue(actual)}`);
  },
  assert_true: (value: unknown, message?: string): void => {
    if (value !== true) throw new Error(`${message ?? 'assert_true'}: got ${describeValue(value)}`);
  },
  assert_false: (value: unknown, message?: string): void => {
    if (value !== false)
      throw new Error(`${message ?? 'assert_false'}: got ${describeValue(value)}`);
  },
};

/** Runs a WPT `.js` assertion body against our cues; returns the failure message or null. */
function runVector(name: string): string | null {
  const text = new TextDecoder('utf-8').decode(fixtureBytes(`${FILE_PARSING}/${name}.vtt`));
  const { cues } = parseWebVttCues(text);
  const body = fixtureText(`${FILE_PARSING}/${name}.js`);
  try {
    // The vector runs in a context of its own that holds only the cues and the assertions.
    runInNewContext(body, { cues, ...harness }, { filename: `${name}.js` });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const vectors = fixtureFiles(FILE_PARSING, '.vtt').map((file) => file.slice(0, -'.vtt'.length));

describe('WebVTT file parsing conformance (WPT vectors)', () => {
  const passing = vectors.filter((name) => !(name in KNOWN_DIFFERENCES));

  it('has every vector as a .vtt + .js pair', () => {
    expect(vectors.length).toBe(37);
    expect(fixtureFiles(FILE_PARSING, '.js')).toHaveLength(vectors.length);
  });

  it('uses a harness that catches failures, with SameValue equality (-0 is not 0)', () => {
    expect(() => harness.assert_equals(-0, 0)).toThrow();
    expect(() => harness.assert_equals('a', 'b', 'msg')).toThrow('msg: expected b, got a');
    expect(() => harness.assert_true(1)).toThrow();
    expect(() => harness.assert_false(0)).toThrow();
    expect(() => harness.assert_not_equals(1, 1)).toThrow();
  });

  it.each(passing)('passes %s', (name) => {
    expect(runVector(name)).toBeNull();
  });

  it('still fails each listed known difference (so the list cannot go stale)', () => {
    for (const name of Object.keys(KNOWN_DIFFERENCES))
      expect([name, runVector(name)]).not.toEqual([name, null]);
    console.info(
      `WPT file-parsing: ${passing.length} passed, ${Object.keys(KNOWN_DIFFERENCES).length} known differences, of ${vectors.length}`,
    );
  });
});

const HTML_NAMES: Readonly<Record<string, string>> = { c: 'span', v: 'span', lang: 'span' };

function formatTimestamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  const frac = String(ms % 1000).padStart(3, '0');
  return `${two(Math.floor(ms / 3_600_000))}:${two(Math.floor(ms / 60_000) % 60)}:${two(Math.floor(ms / 1000) % 60)}.${frac}`;
}

/** The html5lib-style tree dump the WPT cue-text vectors use (`| <span>`, `|   class="d"`). */
function dumpTree(nodes: readonly WebVttNode[], depth = 0): string {
  const indent = `| ${'  '.repeat(depth)}`;
  return nodes
    .map((node) => {
      if (node.type === 'text') return `${indent}"${node.value}"\n`;
      if (node.type === 'timestamp')
        return `${indent}<?timestamp ${formatTimestamp(node.seconds)}>\n`;
      const attributes: Array<[string, string]> = [];
      if (node.classes.length > 0) attributes.push(['class', node.classes.join(' ')]);
      if (node.name === 'v') attributes.push(['title', node.annotation]);
      if (node.name === 'lang') attributes.push(['lang', node.annotation]);
      const attrs = attributes.map(([k, v]) => `${indent}  ${k}="${v}"\n`).join('');
      return `${indent}<${HTML_NAMES[node.name] ?? node.name}>\n${attrs}${dumpTree(node.children, depth + 1)}`;
    })
    .join('');
}

describe('WebVTT cue text parsing conformance (WPT vectors)', () => {
  const files = fixtureFiles(CUE_TEXT, '.json');

  it.each(files)('builds the expected tree for every cue of %s', (file) => {
    const cases = fixtureJson<Array<{ text: string; expectedTree: string }>>(`${CUE_TEXT}/${file}`);
    const { cues } = parseWebVttCues(fixtureText(`${CUE_TEXT}/${file.replace(/\.json$/, '.vtt')}`));
    expect(cues).toHaveLength(cases.length);
    const trees = cues.map((cue) => dumpTree(parseWebVttCueText(cue.text)));
    expect(trees).toEqual(cases.map((c) => c.expectedTree));
  });
});
