import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryOneRow, queryRows } from '../../database/sql';

/** When each user last caught up with each project (table read_marker). */
@Injectable()
export class ReadMarkersRepository {
  constructor(private readonly db: DataSource) {}

  /** Stores now() as the user's marker for the project and answers it. */
  async markSeen(userId: string, projectId: string): Promise<Date> {
    const row = await queryOneRow<{ seen_at: Date }>(
      this.db,
      `INSERT INTO read_marker (user_id, project_id, seen_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id, project_id) DO UPDATE SET seen_at = EXCLUDED.seen_at
       RETURNING seen_at`,
      [userId, projectId],
    );
    return row.seen_at;
  }

  /** The user's markers for these projects, in one statement; projects never seen are absent. */
  async seenAt(userId: string, projectIds: string[]): Promise<ReadonlyMap<string, Date>> {
    const rows = await queryRows<{ project_id: string; seen_at: Date }>(
      this.db,
      `SELECT project_id, seen_at FROM read_marker WHERE user_id = $1 AND project_id = ANY($2::uuid[])`,
      [userId, projectIds],
    );
    return new Map(rows.map((r) => [r.project_id, r.seen_at]));
  }
}
