import { detectLanguage } from '@verbatim/transcript';
import { type Db, queryFirstRow } from '../../database/sql';
import { SIMPLE_CONFIG, textSearchConfigFor } from '../transcripts/text-search-config';

/** What a project says about the language its insights are likely written in. */
export interface ProjectLanguage {
  workspaceId: string;
  /** The project's default language (a tag such as "de"), when it has one. */
  defaultLanguage: string | null;
  /** The configuration most of the project's ready transcripts stem with, other than `simple`. */
  transcriptConfig: string | null;
}

/** The project's language facts in one statement; null when the project does not exist. */
export async function projectLanguage(db: Db, projectId: string): Promise<ProjectLanguage | null> {
  const row = await queryFirstRow<{
    workspace_id: string;
    default_language: string | null;
    transcript_config: string | null;
  }>(
    db,
    `SELECT p.workspace_id, p.default_language,
            (SELECT t.ts_config FROM transcript t
              WHERE t.project_id = p.id AND t.status = 'READY' AND t.ts_config <> 'simple'
              GROUP BY t.ts_config ORDER BY count(*) DESC, t.ts_config LIMIT 1) AS transcript_config
       FROM project p WHERE p.id = $1`,
    [projectId],
  );
  return row
    ? {
        workspaceId: row.workspace_id,
        defaultLanguage: row.default_language,
        transcriptConfig: row.transcript_config,
      }
    : null;
}

/**
 * The text-search configuration an insight is stemmed with, by the rules transcripts follow:
 * the language of its own title and body when the detector is sure (it needs a paragraph or
 * so), else the project's default language, else the language most of the project's interviews
 * are in, else none (`simple`). The statement that stores it falls back to `simple` when the
 * database has no such configuration.
 */
export function insightTextSearchConfig(
  title: string,
  body: string,
  project: Pick<ProjectLanguage, 'defaultLanguage' | 'transcriptConfig'>,
): string {
  const detected = detectLanguage([title, body]);
  if (detected) return textSearchConfigFor(detected.language);
  if (project.defaultLanguage) return textSearchConfigFor(project.defaultLanguage);
  return project.transcriptConfig ?? SIMPLE_CONFIG;
}

/** SQL for a configuration name given as `param`, or `simple` when the database lacks it. */
export const availableConfigSql = (param: string) =>
  `coalesce((SELECT cfgname::text FROM pg_ts_config WHERE cfgname = ${param}), '${SIMPLE_CONFIG}')`;
