/** A WebVTT region, with the field names of the HTML `VTTRegion` interface. */
export interface WebVttRegion {
  id: string;
  width: number;
  lines: number;
  regionAnchorX: number;
  regionAnchorY: number;
  viewportAnchorX: number;
  viewportAnchorY: number;
  scroll: '' | 'up';
}

/** A WebVTT cue, with the field names of the HTML `VTTCue` interface; times in seconds. */
export interface WebVttCue {
  id: string;
  startTime: number;
  endTime: number;
  /** The raw cue text, markup included, lines joined with `\n`. */
  text: string;
  pauseOnExit: boolean;
  vertical: '' | 'rl' | 'lr';
  snapToLines: boolean;
  line: number | 'auto';
  lineAlign: 'start' | 'center' | 'end';
  position: number | 'auto';
  positionAlign: 'line-left' | 'center' | 'line-right' | 'auto';
  size: number;
  align: 'start' | 'center' | 'end' | 'left' | 'right';
  region: WebVttRegion | null;
}

/** A problem found while parsing, with its 1-based line number. */
export interface WebVttError {
  message: string;
  line: number;
}

export interface WebVttParseResult {
  cues: WebVttCue[];
  errors: WebVttError[];
}
