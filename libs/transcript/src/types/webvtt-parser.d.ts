// Types for the parts of webvtt-parser 2.2 (w3c/webvtt.js, untyped) that the tests use.
declare module 'webvtt-parser' {
  export interface WebVttParserCue {
    id: string;
    startTime: number;
    endTime: number;
    text: string;
    tree: { children: WebVttParserNode[] };
  }

  export interface WebVttParserNode {
    type: 'text' | 'object' | 'timestamp';
    name?: string;
    value?: string | number;
    children?: WebVttParserNode[];
  }

  export class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(
      input: string,
      mode?: 'metadata' | 'chapters',
    ): { cues: WebVttParserCue[]; errors: Array<{ message: string; line: number; col?: number }> };
  }
}
