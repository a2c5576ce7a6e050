import { collectWebVttTimestamp } from '../core/timestamps';
import { consumeCharacterReference } from './character-references';

export type WebVttElementName = 'c' | 'i' | 'b' | 'u' | 'ruby' | 'rt' | 'v' | 'lang';

/** A node of a parsed cue text (the WebVTT Node Objects of the spec). */
export type WebVttNode =
  | { type: 'text'; value: string }
  | { type: 'timestamp'; seconds: number }
  | WebVttElement;

export interface WebVttElement {
  type: 'element';
  name: WebVttElementName;
  classes: string[];
  /** The voice name for `v`, the language for `lang`, otherwise empty. */
  annotation: string;
  children: WebVttNode[];
}

type Token =
  | { kind: 'text'; value: string }
  | { kind: 'start'; name: string; classes: string[]; annotation: string }
  | { kind: 'end'; name: string }
  | { kind: 'timestamp'; value: string };

const ELEMENTS = new Set<string>(['c', 'i', 'b', 'u', 'ruby', 'rt', 'v', 'lang']);
const START_TAG_STOP = new Set(['\t', '\f', ' ', '\n', '.', '>']);

function isTagSpace(c: string | undefined): boolean {
  return c === '\t' || c === '\n' || c === '\f' || c === ' ';
}

/** The WebVTT cue text tokenizer. */
class CueTextTokenizer {
  private pos = 0;
  /** Cached positions of the next `<` and `&` (positions only move forward, so scans stay linear). */
  private nextLt = -2;
  private nextAmp = -2;

  constructor(private readonly s: string) {}

  private find(char: '<' | '&', from: number): number {
    const cached = char === '<' ? this.nextLt : this.nextAmp;
    if (cached !== -1 && cached < from) {
      const found = this.s.indexOf(char, from);
      if (char === '<') this.nextLt = found;
      else this.nextAmp = found;
      return found;
    }
    return cached;
  }

  next(): Token | null {
    if (this.pos >= this.s.length) return null;
    if (this.s[this.pos] === '<') {
      this.pos++;
      return this.tag();
    }
    return { kind: 'text', value: this.data() };
  }

  /** Data state: text up to the next `<`, with character references decoded. */
  private data(): string {
    const parts: string[] = [];
    let from = this.pos;
    for (;;) {
      const lt = this.find('<', from);
      const stop = lt === -1 ? this.s.length : lt;
      const amp = this.find('&', from);
      if (amp === -1 || amp >= stop) {
        parts.push(this.s.slice(from, stop));
        this.pos = stop;
        return parts.join('');
      }
      parts.push(this.s.slice(from, amp));
      const ref = consumeCharacterReference(this.s, amp + 1);
      parts.push(ref ? ref.text : '&');
      from = ref ? ref.end : amp + 1;
    }
  }

  /** Tag state, entered after `<`. */
  private tag(): Token {
    const c = this.s[this.pos];
    if (isTagSpace(c)) return this.startTagAnnotation('', [], '');
    if (c === '.') return this.startTagClass('');
    if (c === '/') return this.endTag();
    if (c !== undefined && c >= '0' && c <= '9') return this.timestampTag();
    if (c === '>' || c === undefined) {
      if (c === '>') this.pos++;
      return { kind: 'start', name: '', classes: [], annotation: '' };
    }
    return this.startTag();
  }

  private startTag(): Token {
    const from = this.pos;
    while (this.pos < this.s.length && !START_TAG_STOP.has(this.s[this.pos] as string)) this.pos++;
    const name = this.s.slice(from, this.pos);
    const c = this.s[this.pos];
    if (c === '\t' || c === '\f' || c === ' ') return this.startTagAnnotation(name, [], '');
    if (c === '\n') return this.startTagAnnotation(name, [], '\n');
    if (c === '.') return this.startTagClass(name);
    return this.closeStart(c, name, [], '');
  }

  private startTagClass(name: string): Token {
    const classes: string[] = [];
    let buffer = '';
    this.pos++;
    for (;;) {
      const c = this.s[this.pos];
      if (c === '\t' || c === '\f' || c === ' ' || c === '\n') {
        classes.push(buffer);
        return this.startTagAnnotation(name, classes, c === '\n' ? '\n' : '');
      }
      if (c === '.') {
        classes.push(buffer);
        buffer = '';
      } else if (c === '>' || c === undefined) {
        classes.push(buffer);
        return this.closeStart(c, name, classes, '');
      } else {
        buffer += c;
      }
      this.pos++;
    }
  }

  private startTagAnnotation(name: string, classes: string[], initial: string): Token {
    let buffer = initial;
    this.pos++;
    for (;;) {
      const c = this.s[this.pos];
      if (c === '>' || c === undefined) {
        const annotation = buffer.trim().replace(/[ \t\n\f\r]+/g, ' ');
        return this.closeStart(c, name, classes, annotation);
      }
      if (c === '&') {
        const ref = consumeCharacterReference(this.s, this.pos + 1, '>');
        buffer += ref ? ref.text : '&';
        this.pos = ref ? ref.end : this.pos + 1;
        continue;
      }
      const from = this.pos;
      while (this.pos < this.s.length && this.s[this.pos] !== '>' && this.s[this.pos] !== '&')
        this.pos++;
      buffer += this.s.slice(from, this.pos);
    }
  }

  private closeStart(
    c: string | undefined,
    name: string,
    classes: string[],
    annotation: string,
  ): Token {
    if (c === '>') this.pos++;
    return { kind: 'start', name, classes: classes.filter((k) => k !== ''), annotation };
  }

  private endTag(): Token {
    const close = this.s.indexOf('>', this.pos + 1);
    const stop = close === -1 ? this.s.length : close;
    const name = this.s.slice(this.pos + 1, stop);
    this.pos = close === -1 ? stop : stop + 1;
    return { kind: 'end', name };
  }

  private timestampTag(): Token {
    const close = this.s.indexOf('>', this.pos);
    const stop = close === -1 ? this.s.length : close;
    const value = this.s.slice(this.pos, stop);
    this.pos = close === -1 ? stop : stop + 1;
    return { kind: 'timestamp', value };
  }
}

/** Tree building for a start tag; returns the new current element (or the old one). */
function openElement(
  current: WebVttElement,
  token: Extract<Token, { kind: 'start' }>,
): WebVttElement {
  if (!ELEMENTS.has(token.name) || (token.name === 'rt' && current.name !== 'ruby')) return current;
  const keepsAnnotation = token.name === 'v' || token.name === 'lang';
  const element: WebVttElement = {
    type: 'element',
    name: token.name as WebVttElementName,
    classes: token.classes,
    annotation: keepsAnnotation ? token.annotation : '',
    children: [],
  };
  current.children.push(element);
  return element;
}

/**
 * The WebVTT cue text parsing rules: tokenizes cue text and builds the node tree (`<c>`, `<i>`,
 * `<b>`, `<u>`, `<ruby>`/`<rt>`, `<v>`, `<lang>`, inner timestamps; unknown tags are dropped).
 */
export function parseWebVttCueText(text: string): WebVttNode[] {
  const root: WebVttElement = {
    type: 'element',
    name: 'c',
    classes: [],
    annotation: '',
    children: [],
  };
  const stack: WebVttElement[] = [root];
  const tokenizer = new CueTextTokenizer(text);
  for (let token = tokenizer.next(); token; token = tokenizer.next()) {
    const current = stack[stack.length - 1] ?? root;
    if (token.kind === 'text') {
      current.children.push({ type: 'text', value: token.value });
    } else if (token.kind === 'start') {
      const opened = openElement(current, token);
      if (opened !== current) stack.push(opened);
    } else if (token.kind === 'end') {
      closeElement(stack, token.name);
    } else {
      const ts = collectWebVttTimestamp(token.value, 0);
      if (ts && ts.end === token.value.length)
        current.children.push({ type: 'timestamp', seconds: ts.seconds });
    }
  }
  return root.children;
}

function closeElement(stack: WebVttElement[], name: string): void {
  const current = stack[stack.length - 1];
  if (!current || stack.length === 1) return;
  if (current.name === name) stack.pop();
  else if (name === 'ruby' && current.name === 'rt') stack.splice(-2, 2);
}

/** A run of cue text spoken by one voice (`<v Name>`), or by no declared voice. */
export interface VoicedText {
  voice: string | null;
  text: string;
}

/**
 * Flattens cue text to plain text grouped by voice: markup and inner timestamps dropped, ruby
 * annotations (`<rt>`) left out, entities decoded. Iterative, so deep nesting cannot overflow.
 */
export function cueTextToVoicedText(text: string): VoicedText[] {
  if (!text.includes('<') && !text.includes('&')) return [{ voice: null, text }];
  const out: VoicedText[] = [];
  const pending: Array<{ node: WebVttNode; voice: string | null }> = [];
  const roots = parseWebVttCueText(text);
  for (let i = roots.length - 1; i >= 0; i--)
    pending.push({ node: roots[i] as WebVttNode, voice: null });
  while (pending.length > 0) {
    const { node, voice } = pending.pop() as { node: WebVttNode; voice: string | null };
    if (node.type === 'text') appendVoiced(out, voice, node.value);
    if (node.type !== 'element' || node.name === 'rt') continue;
    const inner = node.name === 'v' ? node.annotation || voice : voice;
    for (let i = node.children.length - 1; i >= 0; i--)
      pending.push({ node: node.children[i] as WebVttNode, voice: inner });
  }
  return out;
}

function appendVoiced(out: VoicedText[], voice: string | null, text: string): void {
  const last = out[out.length - 1];
  if (last && last.voice === voice) last.text += text;
  else out.push({ voice, text });
}
