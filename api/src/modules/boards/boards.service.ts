import { Injectable } from '@nestjs/common';
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, conflict, notFound } from '../../common/errors/domain-error';
import { executeSql, queryFirstRow, queryOneRow, queryRows } from '../../database/sql';
import { inTransaction } from '../../database/transaction';
import { ActivityService } from '../activity/activity.service';
import { HighlightsService } from '../highlights/highlights.service';
import { PARTICIPANT_PALETTE } from '../participants/participants.service';
import { BoardEvents } from './board-events';
import {
  type AddCardsInput,
  type AddNoteInput,
  BoardChangeKind,
  type BoardSummaryType,
  type BoardType,
  type CardType,
  type CreateBoardInput,
  type CreateThemeInput,
  MAX_CARDS_PER_BOARD,
  MAX_THEMES_PER_BOARD,
  type MoveCardInput,
  type MoveThemeInput,
  type ThemeType,
  type UpdateBoardInput,
  type UpdateNoteInput,
  type UpdateThemeInput,
} from './boards.types';

interface BoardRow {
  id: string;
  project_id: string;
  workspace_id: string;
  name: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

interface ThemeRow {
  id: string;
  board_id: string;
  title: string;
  description: string;
  color: string;
  position: string;
  version: number;
}

interface CardRow {
  id: string;
  board_id: string;
  theme_id: string | null;
  highlight_id: string | null;
  text: string | null;
  position: string;
  version: number;
  created_at: Date;
}

const BOARD_COLUMNS = `b.id, b.project_id, p.workspace_id, b.name, b.version, b.created_at, b.updated_at`;
const THEME_COLUMNS = `id, board_id, title, description, color, position, version`;
const CARD_COLUMNS = `id, board_id, theme_id, highlight_id, text, position, version, created_at`;

/** A theme and the highlights on its cards in order (see `themeHighlights`). */
export interface ThemeHighlights {
  id: string;
  boardId: string;
  projectId: string;
  title: string;
  description: string;
  highlightIds: string[];
}

/** What a change did, for the activity trail and the live event sent after it commits. */
interface Change<T> {
  result: T;
  kind: BoardChangeKind;
  themeIds?: string[];
  cardIds?: string[];
  /** The board's new name, when it was renamed. */
  name?: string;
}

/**
 * Theme boards: themes in board order, cards in themes or unsorted. Positions are fractional
 * indexes (the fractional-indexing package): a move writes the moved row only, never renumbers
 * a column.
 *
 * Concurrency: every change locks the board row first, so changes of one board are applied one
 * at a time, each on the state the previous left, and the board's version grows by one each.
 * Moves and edits carry the version of the theme or card they were made on; when it is stale
 * (someone moved or edited it since) the change is refused with CONFLICT and the row as it is
 * now in `extensions`, so the client can show it there and say so instead of losing a move.
 */
@Injectable()
export class BoardsService {
  constructor(
    private readonly db: DataSource,
    private readonly activity: ActivityService,
    private readonly highlights: HighlightsService,
    private readonly events: BoardEvents,
  ) {}

  async list(projectId: string): Promise<BoardSummaryType[]> {
    const rows = await queryRows<BoardRow & { theme_count: number; card_count: number }>(
      this.db,
      `SELECT ${BOARD_COLUMNS},
              (SELECT count(*)::int FROM board_theme x WHERE x.board_id = b.id) AS theme_count,
              (SELECT count(*)::int FROM board_card c WHERE c.board_id = b.id) AS card_count
         FROM board b JOIN project p ON p.id = b.project_id
        WHERE b.project_id = $1 ORDER BY b.updated_at DESC, b.id`,
      [projectId],
    );
    return rows.map((r) => ({
      id: r.id,
      projectId: r.project_id,
      name: r.name,
      version: r.version,
      themeCount: r.theme_count,
      cardCount: r.card_count,
      updatedAt: r.updated_at,
    }));
  }

  /** The whole board: themes in order with their cards, and the unsorted cards. */
  async get(id: string): Promise<BoardType> {
    const board = await queryFirstRow<BoardRow>(
      this.db,
      `SELECT ${BOARD_COLUMNS} FROM board b JOIN project p ON p.id = b.project_id WHERE b.id = $1`,
      [id],
    );
    if (!board) throw notFound('Board');
    const themes = await queryRows<ThemeRow>(
      this.db,
      `SELECT ${THEME_COLUMNS} FROM board_theme WHERE board_id = $1 ORDER BY position, id`,
      [id],
    );
    const cards = await this.cardViews(
      await queryRows<CardRow>(
        this.db,
        `SELECT ${CARD_COLUMNS} FROM board_card WHERE board_id = $1 ORDER BY position, id`,
        [id],
      ),
    );
    return {
      id: board.id,
      projectId: board.project_id,
      name: board.name,
      version: board.version,
      createdAt: board.created_at,
      updatedAt: board.updated_at,
      themes: themes.map((t) =>
        toTheme(
          t,
          cards.filter((c) => c.themeId === t.id),
        ),
      ),
      unsorted: cards.filter((c) => c.themeId === null),
    };
  }

  /** Themes by id with their cards, as they are now (ids not found are left out). */
  async themes(ids: string[]): Promise<ThemeType[]> {
    if (!ids.length) return [];
    const rows = await queryRows<ThemeRow>(
      this.db,
      `SELECT ${THEME_COLUMNS} FROM board_theme WHERE id = ANY($1::uuid[]) ORDER BY position, id`,
      [ids],
    );
    const cards = await this.cardViews(
      await queryRows<CardRow>(
        this.db,
        `SELECT ${CARD_COLUMNS} FROM board_card WHERE theme_id = ANY($1::uuid[]) ORDER BY position, id`,
        [ids],
      ),
    );
    return rows.map((t) =>
      toTheme(
        t,
        cards.filter((c) => c.themeId === t.id),
      ),
    );
  }

  /**
   * A theme with the highlights of its cards, in card order (sticky notes left out): what
   * promoting it to an insight takes. Null when there is no such theme.
   */
  async themeHighlights(themeId: string): Promise<ThemeHighlights | null> {
    const row = await queryFirstRow<{
      id: string;
      board_id: string;
      project_id: string;
      title: string;
      description: string;
      highlight_ids: string[];
    }>(
      this.db,
      `SELECT x.id, x.board_id, b.project_id, x.title, x.description,
              coalesce(array_agg(c.highlight_id ORDER BY c.position, c.id)
                         FILTER (WHERE c.highlight_id IS NOT NULL), '{}') AS highlight_ids
         FROM board_theme x JOIN board b ON b.id = x.board_id
         LEFT JOIN board_card c ON c.theme_id = x.id
        WHERE x.id = $1
        GROUP BY x.id, b.project_id`,
      [themeId],
    );
    if (!row) return null;
    return {
      id: row.id,
      boardId: row.board_id,
      projectId: row.project_id,
      title: row.title,
      description: row.description,
      highlightIds: row.highlight_ids,
    };
  }

  /**
   * Tells everyone on a theme's board that something shown on the theme changed outside the
   * board (an insight promoted from it, or that insight deleted). The board itself is unchanged,
   * so its version is not bumped: subscribers read the theme afresh at the version they have.
   */
  async announceThemeChanged(themeId: string, actorId: string): Promise<void> {
    const row = await queryFirstRow<{ board_id: string; version: number }>(
      this.db,
      `SELECT b.id AS board_id, b.version FROM board_theme x JOIN board b ON b.id = x.board_id WHERE x.id = $1`,
      [themeId],
    );
    if (!row) return;
    await this.events.publish({
      kind: BoardChangeKind.THEMES_CHANGED,
      boardId: row.board_id,
      version: row.version,
      themeIds: [themeId],
      cardIds: [],
      name: null,
      actorId,
    });
  }

  /** Cards by id, as they are now (ids not found are left out). */
  async cards(ids: string[]): Promise<CardType[]> {
    if (!ids.length) return [];
    return this.cardViews(
      await queryRows<CardRow>(
        this.db,
        `SELECT ${CARD_COLUMNS} FROM board_card WHERE id = ANY($1::uuid[]) ORDER BY position, id`,
        [ids],
      ),
    );
  }

  async create(user: AuthUser, input: CreateBoardInput): Promise<BoardType> {
    const name = input.name.trim();
    if (!name) throw badInput('name must not be empty');
    const id = await inTransaction(this.db, async (tx) => {
      const project = await queryOneRow<{ workspace_id: string }>(
        tx,
        `SELECT workspace_id FROM project WHERE id = $1`,
        [input.projectId],
      );
      const row = await queryOneRow<{ id: string }>(
        tx,
        `INSERT INTO board (project_id, name, created_by_id) VALUES ($1, $2, $3) RETURNING id`,
        [input.projectId, name, user.id],
      );
      await this.activity.record(tx, {
        workspaceId: project.workspace_id,
        projectId: input.projectId,
        actorId: user.id,
        verb: 'board.created',
        summary: `${user.name} created the board “${name}”`,
        data: { boardId: row.id },
      });
      return row.id;
    });
    return this.get(id);
  }

  async update(user: AuthUser, input: UpdateBoardInput): Promise<BoardType> {
    const name = input.name.trim();
    if (!name) throw badInput('name must not be empty');
    await this.change(user, input.id, async (tx) => {
      await executeSql(tx, `UPDATE board SET name = $2 WHERE id = $1`, [input.id, name]);
      return { result: null, kind: BoardChangeKind.BOARD_UPDATED, name };
    });
    return this.get(input.id);
  }

  async delete(user: AuthUser, id: string): Promise<string> {
    await this.change(user, id, async (tx, board) => {
      await executeSql(tx, `DELETE FROM board WHERE id = $1`, [id]);
      await this.activity.record(tx, {
        workspaceId: board.workspace_id,
        projectId: board.project_id,
        actorId: user.id,
        verb: 'board.deleted',
        summary: `${user.name} deleted the board “${board.name}”`,
        data: { boardId: id },
      });
      return { result: null, kind: BoardChangeKind.BOARD_DELETED };
    });
    return id;
  }

  async createTheme(user: AuthUser, input: CreateThemeInput): Promise<ThemeType> {
    const title = input.title.trim();
    if (!title) throw badInput('title must not be empty');
    const id = await this.change(user, input.boardId, async (tx) => {
      const last = await queryFirstRow<{ position: string; n: number }>(
        tx,
        `SELECT max(position) AS position, count(*)::int AS n FROM board_theme WHERE board_id = $1`,
        [input.boardId],
      );
      const count = last?.n ?? 0;
      if (count >= MAX_THEMES_PER_BOARD)
        throw badInput(`A board holds at most ${MAX_THEMES_PER_BOARD} themes.`);
      const color = input.color ?? PARTICIPANT_PALETTE[count % PARTICIPANT_PALETTE.length]!;
      const row = await queryOneRow<{ id: string }>(
        tx,
        `INSERT INTO board_theme (board_id, title, description, color, position)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [
          input.boardId,
          title,
          input.description?.trim() ?? '',
          color.toLowerCase(),
          generateKeyBetween(last?.position ?? null, null),
        ],
      );
      return { result: row.id, kind: BoardChangeKind.THEMES_CHANGED, themeIds: [row.id] };
    });
    return (await this.themes([id]))[0]!;
  }

  async updateTheme(user: AuthUser, input: UpdateThemeInput): Promise<ThemeType> {
    const boardId = await this.boardOf('board_theme', input.id, 'Theme');
    await this.change(user, boardId, async (tx) => {
      const theme = await this.lockTheme(tx, boardId, input.id);
      if (input.version != null && input.version !== theme.version)
        throw staleTheme(theme, 'Someone changed this theme since you opened it.');
      const title = input.title?.trim();
      if (input.title != null && !title) throw badInput('title must not be empty');
      await executeSql(
        tx,
        `UPDATE board_theme SET title = coalesce($2, title), description = coalesce($3, description),
                color = coalesce($4, color), version = version + 1, updated_at = now()
          WHERE id = $1`,
        [
          input.id,
          title ?? null,
          input.description?.trim() ?? null,
          input.color?.toLowerCase() ?? null,
        ],
      );
      return { result: null, kind: BoardChangeKind.THEMES_CHANGED, themeIds: [input.id] };
    });
    return (await this.themes([input.id]))[0]!;
  }

  /** Deletes a theme; its cards go to the end of the unsorted column, in their order. */
  async deleteTheme(user: AuthUser, id: string): Promise<string> {
    const boardId = await this.boardOf('board_theme', id, 'Theme');
    await this.change(user, boardId, async (tx) => {
      await this.lockTheme(tx, boardId, id);
      const cards = await queryRows<{ id: string }>(
        tx,
        `SELECT id FROM board_card WHERE theme_id = $1 ORDER BY position, id`,
        [id],
      );
      const keys = generateNKeysBetween(
        await this.lastPosition(tx, boardId, null),
        null,
        cards.length,
      );
      for (const [i, card] of cards.entries())
        await executeSql(
          tx,
          `UPDATE board_card SET theme_id = NULL, position = $2, version = version + 1, updated_at = now() WHERE id = $1`,
          [card.id, keys[i]],
        );
      await executeSql(tx, `DELETE FROM board_theme WHERE id = $1`, [id]);
      return {
        result: null,
        kind: BoardChangeKind.THEME_DELETED,
        themeIds: [id],
        cardIds: cards.map((c) => c.id),
      };
    });
    return id;
  }

  async moveTheme(user: AuthUser, input: MoveThemeInput): Promise<ThemeType> {
    const boardId = await this.boardOf('board_theme', input.themeId, 'Theme');
    await this.change(user, boardId, async (tx) => {
      const theme = await this.lockTheme(tx, boardId, input.themeId);
      if (input.version !== theme.version)
        throw staleTheme(theme, 'Someone moved or changed this theme since you saw it.');
      if (input.afterThemeId === input.themeId)
        throw badInput('A theme cannot be placed after itself.');
      const position = await this.placeAfter(
        tx,
        `SELECT position FROM board_theme WHERE board_id = $1 AND id <> $2`,
        [boardId, input.themeId],
        input.afterThemeId
          ? await this.positionOf(tx, 'board_theme', boardId, input.afterThemeId, 'Theme')
          : null,
      );
      await executeSql(
        tx,
        `UPDATE board_theme SET position = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [input.themeId, position],
      );
      return { result: null, kind: BoardChangeKind.THEMES_CHANGED, themeIds: [input.themeId] };
    });
    return (await this.themes([input.themeId]))[0]!;
  }

  /**
   * Adds highlights of the board's project as cards at the end of a column, in the order given.
   * A highlight already on the board keeps its card (returned as it is); a highlight of another
   * project, or one that does not exist, refuses the whole call.
   */
  async addCards(user: AuthUser, input: AddCardsInput): Promise<CardType[]> {
    const ids = [...new Set(input.highlightIds)];
    const cardIds = await this.change(user, input.boardId, async (tx, board) => {
      if (input.themeId) await this.lockTheme(tx, board.id, input.themeId);
      const found = await queryRows<{ id: string }>(
        tx,
        `SELECT id FROM highlight WHERE id = ANY($1::uuid[]) AND project_id = $2`,
        [ids, board.project_id],
      );
      if (found.length !== ids.length)
        throw badInput(
          'Only highlights of this board’s project can be added; some of these are not among them.',
        );
      const existing = await queryRows<{ id: string; highlight_id: string }>(
        tx,
        `SELECT id, highlight_id FROM board_card WHERE board_id = $1 AND highlight_id = ANY($2::uuid[])`,
        [board.id, ids],
      );
      const onBoard = new Map(existing.map((e) => [e.highlight_id, e.id]));
      const fresh = ids.filter((id) => !onBoard.has(id));
      await this.roomFor(tx, board.id, fresh.length);
      const keys = generateNKeysBetween(
        await this.lastPosition(tx, board.id, input.themeId ?? null),
        null,
        fresh.length,
      );
      const inserted = fresh.length
        ? await queryRows<{ id: string; highlight_id: string }>(
            tx,
            `INSERT INTO board_card (board_id, theme_id, highlight_id, position, created_by_id)
             SELECT $1::uuid, $2::uuid, h, k, $5::uuid FROM unnest($3::uuid[], $4::text[]) AS x(h, k)
             RETURNING id, highlight_id`,
            [board.id, input.themeId ?? null, fresh, keys, user.id],
          )
        : [];
      for (const row of inserted) onBoard.set(row.highlight_id, row.id);
      if (inserted.length)
        await this.activity.record(tx, {
          workspaceId: board.workspace_id,
          projectId: board.project_id,
          actorId: user.id,
          verb: 'board.cards_added',
          summary: `${user.name} added ${inserted.length} highlight${inserted.length === 1 ? '' : 's'} to the board “${board.name}”`,
          data: { boardId: board.id, cardIds: inserted.map((r) => r.id) },
        });
      return {
        result: ids.map((id) => onBoard.get(id)!),
        kind: BoardChangeKind.CARDS_CHANGED,
        cardIds: inserted.map((r) => r.id),
      };
    });
    const cards = await this.cards(cardIds);
    const byId = new Map(cards.map((c) => [c.id, c]));
    return cardIds.map((id) => byId.get(id)!);
  }

  async addNote(user: AuthUser, input: AddNoteInput): Promise<CardType> {
    const text = input.text.trim();
    if (!text) throw badInput('text must not be empty');
    const id = await this.change(user, input.boardId, async (tx, board) => {
      if (input.themeId) await this.lockTheme(tx, board.id, input.themeId);
      await this.roomFor(tx, board.id, 1);
      const row = await queryOneRow<{ id: string }>(
        tx,
        `INSERT INTO board_card (board_id, theme_id, text, position, created_by_id)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [
          board.id,
          input.themeId ?? null,
          text,
          generateKeyBetween(await this.lastPosition(tx, board.id, input.themeId ?? null), null),
          user.id,
        ],
      );
      return { result: row.id, kind: BoardChangeKind.CARDS_CHANGED, cardIds: [row.id] };
    });
    return (await this.cards([id]))[0]!;
  }

  async updateNote(user: AuthUser, input: UpdateNoteInput): Promise<CardType> {
    const text = input.text.trim();
    if (!text) throw badInput('text must not be empty');
    const boardId = await this.boardOf('board_card', input.cardId, 'Card');
    await this.change(user, boardId, async (tx) => {
      const card = await this.lockCard(tx, boardId, input.cardId);
      if (card.highlight_id)
        throw badInput('Only a note’s text can be edited; this card is a highlight.');
      if (input.version !== card.version)
        throw staleCard(card, 'Someone changed this note since you opened it.');
      await executeSql(
        tx,
        `UPDATE board_card SET text = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [card.id, text],
      );
      return { result: null, kind: BoardChangeKind.CARDS_CHANGED, cardIds: [card.id] };
    });
    return (await this.cards([input.cardId]))[0]!;
  }

  /**
   * Moves a card into a theme (or unsorted) right after `afterCardId` (first when null). The
   * card's version must be the one the move was made on.
   */
  async moveCard(user: AuthUser, input: MoveCardInput): Promise<CardType> {
    const boardId = await this.boardOf('board_card', input.cardId, 'Card');
    await this.change(user, boardId, async (tx, board) => {
      const card = await this.lockCard(tx, boardId, input.cardId);
      if (input.version !== card.version)
        throw staleCard(
          card,
          'Someone moved this card since you saw it; it is shown where it is now.',
        );
      if (input.afterCardId === input.cardId)
        throw badInput('A card cannot be placed after itself.');
      const themeId = input.themeId ?? null;
      if (themeId) await this.lockTheme(tx, boardId, themeId);
      let after: string | null = null;
      if (input.afterCardId) {
        const anchor = await queryFirstRow<{ theme_id: string | null; position: string }>(
          tx,
          `SELECT theme_id, position FROM board_card WHERE id = $1 AND board_id = $2`,
          [input.afterCardId, boardId],
        );
        if (!anchor) throw badInput('afterCardId must be a card of this board.');
        if (anchor.theme_id !== themeId)
          throw conflict('The card to place this one after has moved to another column.', {
            afterCard: { id: input.afterCardId, themeId: anchor.theme_id },
          });
        after = anchor.position;
      }
      const position = await this.placeAfter(
        tx,
        `SELECT position FROM board_card WHERE board_id = $1 AND id <> $2 AND theme_id IS NOT DISTINCT FROM $3`,
        [boardId, card.id, themeId],
        after,
      );
      await executeSql(
        tx,
        `UPDATE board_card SET theme_id = $2, position = $3, version = version + 1, updated_at = now() WHERE id = $1`,
        [card.id, themeId, position],
      );
      // A move to another column is worth telling colleagues about; a reorder within one is not.
      if (card.theme_id !== themeId)
        await this.activity.record(tx, {
          workspaceId: board.workspace_id,
          projectId: board.project_id,
          actorId: user.id,
          verb: 'board.card_moved',
          summary: `${user.name} moved a card on the board “${board.name}”`,
          data: { boardId, cardId: card.id, fromThemeId: card.theme_id, toThemeId: themeId },
        });
      return { result: null, kind: BoardChangeKind.CARDS_CHANGED, cardIds: [card.id] };
    });
    return (await this.cards([input.cardId]))[0]!;
  }

  async removeCard(user: AuthUser, id: string): Promise<string> {
    const boardId = await this.boardOf('board_card', id, 'Card');
    await this.change(user, boardId, async (tx) => {
      await this.lockCard(tx, boardId, id);
      await executeSql(tx, `DELETE FROM board_card WHERE id = $1`, [id]);
      return { result: null, kind: BoardChangeKind.CARDS_REMOVED, cardIds: [id] };
    });
    return id;
  }

  /**
   * Creates themes at the end of the board and puts the named highlights' cards into them, in
   * one change (applied theme suggestions). `expected` holds the version each highlight's card
   * had when the suggestions were asked for: a card removed or moved since is left alone and its
   * highlight reported as skipped, as is a highlight deleted since; a highlight that was not on
   * the board gets a new card. A group left with no highlight creates no theme.
   */
  async createThemesWithCards(
    user: AuthUser,
    boardId: string,
    groups: { title: string; description: string; highlightIds: string[] }[],
    expected: Readonly<Record<string, number>>,
  ): Promise<{ themeIds: string[]; skipped: string[] }> {
    return this.change(user, boardId, async (tx, board) => {
      const all = [...new Set(groups.flatMap((g) => g.highlightIds))];
      const alive = new Set(
        (
          await queryRows<{ id: string }>(
            tx,
            `SELECT id FROM highlight WHERE id = ANY($1::uuid[]) AND project_id = $2`,
            [all, board.project_id],
          )
        ).map((r) => r.id),
      );
      const cards = new Map(
        (
          await queryRows<{ id: string; highlight_id: string; version: number }>(
            tx,
            `SELECT id, highlight_id, version FROM board_card
              WHERE board_id = $1 AND highlight_id = ANY($2::uuid[]) FOR UPDATE`,
            [board.id, all],
          )
        ).map((c) => [c.highlight_id, c]),
      );
      const skipped: string[] = [];
      const placed = groups.map((g) => {
        const moves: string[] = [];
        const adds: string[] = [];
        for (const h of g.highlightIds) {
          const card = cards.get(h);
          const was = expected[h];
          if (!alive.has(h)) skipped.push(h);
          else if (card && (was === undefined || card.version === was)) moves.push(card.id);
          else if (!card && was === undefined) adds.push(h);
          else skipped.push(h);
        }
        return { ...g, moves, adds };
      });
      const kept = placed.filter((g) => g.moves.length + g.adds.length > 0);
      const { position: lastTheme, n: themeCount } = await queryOneRow<{
        position: string | null;
        n: number;
      }>(
        tx,
        `SELECT max(position) AS position, count(*)::int AS n FROM board_theme WHERE board_id = $1`,
        [board.id],
      );
      if (themeCount + kept.length > MAX_THEMES_PER_BOARD)
        throw badInput(`A board holds at most ${MAX_THEMES_PER_BOARD} themes.`);
      await this.roomFor(
        tx,
        board.id,
        kept.reduce((s, g) => s + g.adds.length, 0),
      );
      const themeKeys = generateNKeysBetween(lastTheme, null, kept.length);
      const themeIds: string[] = [];
      const cardIds: string[] = [];
      for (const [i, g] of kept.entries()) {
        const { id } = await queryOneRow<{ id: string }>(
          tx,
          `INSERT INTO board_theme (board_id, title, description, color, position)
           VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [
            board.id,
            g.title,
            g.description,
            PARTICIPANT_PALETTE[(themeCount + i) % PARTICIPANT_PALETTE.length]!.toLowerCase(),
            themeKeys[i],
          ],
        );
        themeIds.push(id);
        const keys = generateNKeysBetween(null, null, g.moves.length + g.adds.length);
        if (g.moves.length) {
          const moved = await queryRows<{ id: string }>(
            tx,
            `UPDATE board_card c SET theme_id = $2, position = x.k, version = c.version + 1, updated_at = now()
               FROM unnest($3::uuid[], $4::text[]) AS x(id, k)
              WHERE c.id = x.id AND c.board_id = $1 RETURNING c.id`,
            [board.id, id, g.moves, keys.slice(0, g.moves.length)],
          );
          cardIds.push(...moved.map((r) => r.id));
        }
        if (g.adds.length) {
          const inserted = await queryRows<{ id: string }>(
            tx,
            `INSERT INTO board_card (board_id, theme_id, highlight_id, position, created_by_id)
             SELECT $1::uuid, $2::uuid, h, k, $5::uuid FROM unnest($3::uuid[], $4::text[]) AS x(h, k)
             RETURNING id`,
            [board.id, id, g.adds, keys.slice(g.moves.length), user.id],
          );
          cardIds.push(...inserted.map((r) => r.id));
        }
      }
      if (themeIds.length)
        await this.activity.record(tx, {
          workspaceId: board.workspace_id,
          projectId: board.project_id,
          actorId: user.id,
          verb: 'board.themes_applied',
          summary: `${user.name} applied ${themeIds.length} suggested theme${themeIds.length === 1 ? '' : 's'} on the board “${board.name}”`,
          data: { boardId: board.id, themeIds },
        });
      return {
        result: { themeIds, skipped },
        kind: BoardChangeKind.THEMES_CHANGED,
        themeIds,
        cardIds,
      };
    });
  }

  /**
   * Runs a change of a board in a transaction holding the board's row lock, bumps its version,
   * and announces the change once it has committed.
   */
  private async change<T>(
    user: AuthUser,
    boardId: string,
    work: (tx: EntityManager, board: BoardRow) => Promise<Change<T>>,
  ): Promise<T> {
    const { change, version } = await inTransaction(this.db, async (tx) => {
      const board = await queryFirstRow<BoardRow>(
        tx,
        `SELECT ${BOARD_COLUMNS} FROM board b JOIN project p ON p.id = b.project_id WHERE b.id = $1 FOR UPDATE OF b`,
        [boardId],
      );
      if (!board) throw notFound('Board');
      const change = await work(tx, board);
      if (change.kind === BoardChangeKind.BOARD_DELETED)
        return { change, version: board.version + 1 };
      const bumped = await queryOneRow<{ version: number }>(
        tx,
        `UPDATE board SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
        [boardId],
      );
      return { change, version: bumped.version };
    });
    await this.events.publish({
      kind: change.kind,
      boardId,
      version,
      themeIds: change.themeIds ?? [],
      cardIds: change.cardIds ?? [],
      name: change.name ?? null,
      actorId: user.id,
    });
    return change.result;
  }

  /** The board a theme or card is on (its access was checked by the guard). */
  private async boardOf(
    table: 'board_theme' | 'board_card',
    id: string,
    what: string,
  ): Promise<string> {
    const row = await queryFirstRow<{ board_id: string }>(
      this.db,
      `SELECT board_id FROM ${table} WHERE id = $1`,
      [id],
    );
    if (!row) throw notFound(what);
    return row.board_id;
  }

  private async lockTheme(tx: EntityManager, boardId: string, id: string): Promise<ThemeRow> {
    const theme = await queryFirstRow<ThemeRow>(
      tx,
      `SELECT ${THEME_COLUMNS} FROM board_theme WHERE id = $1 AND board_id = $2 FOR UPDATE`,
      [id, boardId],
    );
    if (!theme) throw badInput('themeId must be a theme of this board.');
    return theme;
  }

  private async lockCard(tx: EntityManager, boardId: string, id: string): Promise<CardRow> {
    const card = await queryFirstRow<CardRow>(
      tx,
      `SELECT ${CARD_COLUMNS} FROM board_card WHERE id = $1 AND board_id = $2 FOR UPDATE`,
      [id, boardId],
    );
    if (!card) throw notFound('Card');
    return card;
  }

  private async positionOf(
    tx: EntityManager,
    table: 'board_theme' | 'board_card',
    boardId: string,
    id: string,
    what: string,
  ): Promise<string> {
    const row = await queryFirstRow<{ position: string }>(
      tx,
      `SELECT position FROM ${table} WHERE id = $1 AND board_id = $2`,
      [id, boardId],
    );
    if (!row) throw badInput(`after${what}Id must be a ${what.toLowerCase()} of this board.`);
    return row.position;
  }

  /** A key right after `after` (first when null) among the positions `siblings` selects. */
  private async placeAfter(
    tx: EntityManager,
    siblings: string,
    params: unknown[],
    after: string | null,
  ): Promise<string> {
    const next = await queryFirstRow<{ position: string }>(
      tx,
      `SELECT position FROM (${siblings}) s WHERE $${params.length + 1}::text IS NULL OR position > $${params.length + 1}::text
        ORDER BY position LIMIT 1`,
      [...params, after],
    );
    return generateKeyBetween(after, next?.position ?? null);
  }

  /** The last position of a column (a theme, or unsorted when null). */
  private async lastPosition(
    tx: EntityManager,
    boardId: string,
    themeId: string | null,
  ): Promise<string | null> {
    const row = await queryFirstRow<{ position: string | null }>(
      tx,
      `SELECT max(position) AS position FROM board_card WHERE board_id = $1 AND theme_id IS NOT DISTINCT FROM $2`,
      [boardId, themeId],
    );
    return row?.position ?? null;
  }

  private async roomFor(tx: EntityManager, boardId: string, more: number): Promise<void> {
    const { n } = await queryOneRow<{ n: number }>(
      tx,
      `SELECT count(*)::int AS n FROM board_card WHERE board_id = $1`,
      [boardId],
    );
    if (n + more > MAX_CARDS_PER_BOARD)
      throw badInput(
        `A board holds at most ${MAX_CARDS_PER_BOARD.toLocaleString('en-US')} cards; this one has ${n.toLocaleString('en-US')}.`,
      );
  }

  private async cardViews(rows: CardRow[]): Promise<CardType[]> {
    const highlights = await this.highlights.getMany(
      rows.flatMap((r) => (r.highlight_id ? [r.highlight_id] : [])),
    );
    const byId = new Map(highlights.map((h) => [h.id, h]));
    return rows.map((r) => ({
      id: r.id,
      boardId: r.board_id,
      themeId: r.theme_id,
      position: r.position,
      version: r.version,
      highlight: r.highlight_id ? (byId.get(r.highlight_id) ?? null) : null,
      text: r.text,
      createdAt: r.created_at,
    }));
  }
}

function toTheme(row: ThemeRow, cards: CardType[]): ThemeType {
  return {
    id: row.id,
    boardId: row.board_id,
    title: row.title,
    description: row.description,
    color: row.color,
    position: row.position,
    version: row.version,
    cards,
  };
}

function staleTheme(theme: ThemeRow, message: string) {
  return conflict(message, {
    theme: {
      id: theme.id,
      title: theme.title,
      description: theme.description,
      color: theme.color,
      position: theme.position,
      version: theme.version,
    },
  });
}

function staleCard(card: CardRow, message: string) {
  return conflict(message, {
    card: {
      id: card.id,
      themeId: card.theme_id,
      position: card.position,
      version: card.version,
      text: card.text,
    },
  });
}
