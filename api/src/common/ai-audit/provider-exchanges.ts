import { cleanText, type LlmExchange } from '@verbatim/analysis';
import { type Db, executeSql, queryFirstRow, queryOneRow, queryRows } from '../../database/sql';
import { notFound } from '../errors/domain-error';
import {
  type Connection,
  decodeCursor,
  type PageArgs,
  pageSize,
  toConnection,
} from '../pagination/connection';
import { AUDIT_PREVIEW_CHARS, type ProviderExchangeFields } from './provider-exchange.type';

/**
 * The audit tables of runs that send text to an AI provider, with the column each adds to say
 * what a request was for. Both share ProviderExchangeColumns and the routines below.
 */
export const EXCHANGE_TABLES = {
  /** Analysis runs: the chunk (part of a transcript) a request was for. */
  analysis: { table: 'analysis_exchange', label: 'chunk_index' },
  /** Theme suggestions: EMBEDDINGS or TITLES. */
  themeSuggestion: { table: 'theme_suggestion_exchange', label: 'purpose' },
} as const;

export type ExchangeTable = (typeof EXCHANGE_TABLES)[keyof typeof EXCHANGE_TABLES];

/** Longest request or response body kept in the audit, in characters. */
const AUDIT_BODY_MAX_CHARS = 4_000_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Writes the exchanges of one provider call to a run's audit; `label` fills the table's own
 * column (a chunk index, a purpose). Pass a transaction's manager to write with other changes.
 */
export async function saveProviderExchanges(
  db: Db,
  at: ExchangeTable,
  runId: string,
  label: string | number,
  exchanges: readonly LlmExchange[],
): Promise<void> {
  const text = (value: string) => cleanText(value, AUDIT_BODY_MAX_CHARS);
  for (const e of exchanges) {
    const request = text(JSON.stringify(e.request ?? null));
    const response =
      e.response === null || e.response === undefined
        ? null
        : e.responseComplete === false && typeof e.response === 'string'
          ? text(e.response)
          : text(JSON.stringify(e.response));
    await executeSql(
      db,
      `INSERT INTO ${at.table} (run_id, ${at.label}, endpoint, model, request, request_bytes, response, response_bytes,
              response_complete, status, error, prompt_tokens, completion_tokens, duration_ms, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        runId,
        label,
        cleanText(e.endpoint, 500),
        cleanText(e.model, 200),
        request,
        Buffer.byteLength(request),
        response,
        response === null ? 0 : Buffer.byteLength(response),
        e.responseComplete !== false,
        e.status ?? null,
        e.error === null ? null : cleanText(e.error, 2000),
        e.usage.promptTokens,
        e.usage.completionTokens,
        Math.round(e.durationMs),
        new Date(e.startedAt),
      ],
    );
  }
}

/**
 * A run's audit, newest first, a page at a time; each body cut to AUDIT_PREVIEW_CHARS in the
 * database, so a page stays small whatever the provider sent. The table's own column comes
 * back as `label`.
 */
export async function listProviderExchanges(
  db: Db,
  at: ExchangeTable,
  runId: string,
  page: PageArgs,
): Promise<Connection<ProviderExchangeFields & { label: string | number }>> {
  const limit = pageSize(page.first);
  const key = page.after ? decodeCursor(page.after) : null;
  const { n } = await queryOneRow<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM ${at.table} WHERE run_id = $1`,
    [runId],
  );
  const rows = await queryRows<ProviderExchangeFields & { label: string | number }>(
    db,
    `SELECT id, ${at.label} AS label, endpoint, model, status,
            left(request, $2) AS request, char_length(request) > $2 AS "requestTruncated", request_bytes AS "requestBytes",
            left(response, $2) AS response, coalesce(char_length(response) > $2, false) AS "responseTruncated",
            response_bytes AS "responseBytes", response_complete AS "responseComplete", error,
            prompt_tokens AS "promptTokens", completion_tokens AS "completionTokens", duration_ms AS "durationMs",
            created_at AS "createdAt"
       FROM ${at.table}
      WHERE run_id = $1 AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::uuid))
      ORDER BY created_at DESC, id DESC
      LIMIT $3`,
    [runId, AUDIT_PREVIEW_CHARS, limit + 1, key?.createdAt ?? null, key?.id ?? null],
  );
  return toConnection(rows, limit, n, (row) => row);
}

/** One whole body of an audit entry, for download; NOT_FOUND unless it belongs to the run. */
export async function providerExchangeBody(
  db: Db,
  at: ExchangeTable,
  runId: string,
  exchangeId: string,
  part: 'request' | 'response',
): Promise<{ body: string; complete: boolean; label: string | number }> {
  if (!UUID.test(exchangeId)) throw notFound('Audit entry');
  const row = await queryFirstRow<{
    body: string | null;
    complete: boolean;
    label: string | number;
  }>(
    db,
    `SELECT ${part === 'request' ? 'request' : 'response'} AS body,
            ${part === 'request' ? 'true' : 'response_complete'} AS complete, ${at.label} AS label
       FROM ${at.table} WHERE id = $1 AND run_id = $2`,
    [exchangeId, runId],
  );
  if (!row) throw notFound('Audit entry');
  if (row.body === null) throw notFound('Response');
  return { body: row.body, complete: row.complete, label: row.label };
}

/**
 * Deletes what was sent to providers longer ago than `retentionSeconds` (AI_AUDIT_RETENTION),
 * from every audit table; the runs stay. Returns how many rows went.
 */
export async function deleteExpiredProviderExchanges(
  db: Db,
  retentionSeconds: number,
): Promise<number> {
  let deleted = 0;
  for (const { table } of Object.values(EXCHANGE_TABLES)) {
    const rows = await queryRows<object>(
      db,
      `WITH d AS (DELETE FROM ${table} WHERE created_at < now() - make_interval(secs => $1) RETURNING 1) SELECT 1 FROM d`,
      [retentionSeconds],
    );
    deleted += rows.length;
  }
  return deleted;
}
