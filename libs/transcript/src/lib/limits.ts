/** Decoded text above this many characters (UTF-16 code units) is refused as TOO_LARGE. */
export const MAX_TRANSCRIPT_TEXT_LENGTH = 64 * 1024 * 1024;

/** How much of a file is sampled when sniffing encodings and binary content. */
export const SNIFF_BYTES = 64 * 1024;

/** Unlabelled timed cues are grouped into a paragraph until a pause this long... */
export const PARAGRAPH_PAUSE_MS = 2000;
/** ...or until the paragraph reaches this length at a sentence end... */
export const PARAGRAPH_SOFT_CHARS = 600;
/** ...or, when the text has no sentence ends at all, this length. */
export const PARAGRAPH_HARD_CHARS = 1500;
