// Types of seed-board.mjs, for the browser tests written in TypeScript.

export interface SeedBoardOptions {
  projectId: string;
  /** A synthetic WebVTT interview for a seed (makeSyntheticTranscript of libs/transcript). */
  makeTranscript: (seed: number) => string;
  /** Cards on the board (2,000 by default), one per interview turn. */
  cards?: number;
  /** Themes, titled "Theme 1", "Theme 2"… (12 by default). */
  themes?: number;
  /** Cards left unsorted (a quarter by default); the others are spread evenly over the themes. */
  unsorted?: number;
  name?: string;
}

export interface SeededBoard {
  boardId: string;
  themeIds: string[];
  highlightIds: string[];
}

export function seedBoard(
  call: <T>(query: string, variables?: Record<string, unknown>) => Promise<T>,
  options: SeedBoardOptions,
): Promise<SeededBoard>;
