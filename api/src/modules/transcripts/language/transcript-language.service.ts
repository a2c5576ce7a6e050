import { Injectable } from '@nestjs/common';
import { detectLanguage, SAMPLE_TURNS } from '@verbatim/transcript';
import { DataSource, type EntityManager } from 'typeorm';
import { executeSql, queryRows } from '../../../database/sql';
import { allowLongStatements } from '../../../database/transaction';
import { LanguageSource, type TranscriptEntity } from '../transcript.entity';
import {
  SIMPLE_CONFIG,
  type StemmingLanguage,
  STEMMING_LANGUAGES,
  textSearchConfigFor,
} from '../text-search-config';
import { TranscriptChangeHook } from '../transcript-change.hook';

/** A transcript's language, where it comes from, and the text-search configuration it stems with. */
export interface LanguageChoice {
  language: string | null;
  source: LanguageSource | null;
  tsConfig: string;
}

/** Trims a language tag to what the columns hold; empty is none. */
export const cleanLanguage = (language: string | null | undefined): string | null =>
  language?.trim().slice(0, 16) || null;

/**
 * Decides and applies transcript languages. Precedence: a language set by hand, then the one the
 * file declares, then one detected from the turns (when the text is long and clear enough), then
 * the project's default, else none (`simple`, no stemming). Changing a transcript's configuration
 * re-stems its turns and highlights in one statement each (the database rebuilds the vectors).
 */
@Injectable()
export class TranscriptLanguageService {
  /**
   * Configuration names the database was asked about, and its answer. The configurations a
   * database has change only with its schema (a migration or an extension), not while we run.
   */
  private readonly configs = new Map<string, string>();

  constructor(
    private readonly db: DataSource,
    private readonly changes: TranscriptChangeHook,
  ) {}

  /** PostgreSQL's text-search configuration for a language, `simple` when it has none. */
  async textSearchConfig(
    language: string | null,
    db: EntityManager = this.db.manager,
  ): Promise<string> {
    const wanted = textSearchConfigFor(language);
    const known = this.configs.get(wanted);
    if (known) return known;
    const [row] = await queryRows<{ config: string }>(
      db,
      `SELECT coalesce((SELECT cfgname::text FROM pg_ts_config WHERE cfgname = $1), 'simple') AS config`,
      [wanted],
    );
    const config = row?.config ?? SIMPLE_CONFIG;
    this.configs.set(wanted, config);
    return config;
  }

  /** The languages this database can stem, for pickers. */
  async stemmingLanguages(): Promise<StemmingLanguage[]> {
    const rows = await queryRows<{ name: string }>(
      this.db,
      `SELECT cfgname::text AS name FROM pg_ts_config`,
    );
    const available = new Set(rows.map((r) => r.name));
    return STEMMING_LANGUAGES.filter((l) => available.has(l.config));
  }

  async choice(
    language: string | null,
    source: LanguageSource | null,
    db?: EntityManager,
  ): Promise<LanguageChoice> {
    const clean = cleanLanguage(language);
    return {
      language: clean,
      source: clean ? source : null,
      tsConfig: await this.textSearchConfig(clean, db),
    };
  }

  /** The project's default language as a choice (none when it has no default). */
  async projectChoice(
    projectId: string,
    db: EntityManager = this.db.manager,
  ): Promise<LanguageChoice> {
    const rows = await queryRows<{ default_language: string | null }>(
      db,
      `SELECT default_language FROM project WHERE id = $1`,
      [projectId],
    );
    return this.choice(rows[0]?.default_language ?? null, LanguageSource.PROJECT, db);
  }

  /**
   * What "detect automatically" gives for a stored transcript: the file's own language, else the
   * one detected from its turns, else the project's default, else none.
   */
  async automaticChoice(transcript: TranscriptEntity): Promise<LanguageChoice> {
    if (transcript.declaredLanguage)
      return this.choice(transcript.declaredLanguage, LanguageSource.FILE);
    const detected = await this.detect(transcript);
    if (detected) return this.choice(detected, LanguageSource.DETECTED);
    return this.projectChoice(transcript.projectId);
  }

  /**
   * Before a new transcript's turns are stored, so that they are stemmed once, in the right
   * language: a language set by hand stays; else the one the file declares; else the one the
   * parser detected from the turns; else the project's default.
   */
  async beforeStore(
    transcript: TranscriptEntity,
    declared: string | null,
    detected: string | null,
  ): Promise<void> {
    const declaredLanguage = cleanLanguage(declared);
    const detectedLanguage = cleanLanguage(detected);
    const choice =
      transcript.languageSource === LanguageSource.MANUAL
        ? await this.choice(transcript.language, LanguageSource.MANUAL)
        : declaredLanguage
          ? await this.choice(declaredLanguage, LanguageSource.FILE)
          : detectedLanguage
            ? await this.choice(detectedLanguage, LanguageSource.DETECTED)
            : await this.projectChoice(transcript.projectId);
    // No re-stemming: the ingest replaces every turn (and so every highlight) next.
    await executeSql(
      this.db,
      `UPDATE transcript SET declared_language = $2, language = $3, language_source = $4, ts_config = $5, updated_at = now()
        WHERE id = $1`,
      [transcript.id, declaredLanguage, choice.language, choice.source, choice.tsConfig],
    );
    Object.assign(transcript, {
      declaredLanguage,
      language: choice.language,
      languageSource: choice.source,
      tsConfig: choice.tsConfig,
    });
  }

  /**
   * Records a choice on the transcript; when its configuration changes, re-stems its turns and
   * highlights. Returns whether anything changed.
   */
  async apply(
    tx: EntityManager,
    transcript: TranscriptEntity,
    choice: LanguageChoice,
  ): Promise<boolean> {
    const same =
      transcript.language === choice.language &&
      transcript.languageSource === choice.source &&
      transcript.tsConfig === choice.tsConfig;
    if (same) return false;
    await executeSql(
      tx,
      `UPDATE transcript SET language = $2, language_source = $3, ts_config = $4, updated_at = now() WHERE id = $1`,
      [transcript.id, choice.language, choice.source, choice.tsConfig],
    );
    if (choice.tsConfig !== transcript.tsConfig)
      await this.restem(tx, transcript.id, choice.tsConfig);
    Object.assign(transcript, {
      language: choice.language,
      languageSource: choice.source,
      tsConfig: choice.tsConfig,
    });
    return true;
  }

  /**
   * The ready transcripts of a project that follow its default: those without a language of
   * their own. (One still being imported reads the default when its turns are stored.)
   */
  async followingDefault(projectId: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      this.db,
      `SELECT id FROM transcript WHERE project_id = $1 AND status = 'READY'
          AND (language_source = 'PROJECT' OR language_source IS NULL)
        ORDER BY created_at, id`,
      [projectId],
    );
    return rows.map((r) => r.id);
  }

  /** True when the transcript has no language of its own and so takes the project's default. */
  followsDefault(transcript: TranscriptEntity): boolean {
    return (
      transcript.languageSource === null || transcript.languageSource === LanguageSource.PROJECT
    );
  }

  /**
   * Re-stems every turn and highlight of the transcript, in one transaction that may run past the
   * request statement timeout (290k turns take about 33 s on PostgreSQL).
   */
  private async restem(tx: EntityManager, transcriptId: string, tsConfig: string): Promise<void> {
    if (!tx.queryRunner?.isTransactionActive) {
      await this.db.transaction((inner) => this.restem(inner, transcriptId, tsConfig));
      return;
    }
    await allowLongStatements(tx);
    await executeSql(tx, `UPDATE segment SET ts_config = $2 WHERE transcript_id = $1`, [
      transcriptId,
      tsConfig,
    ]);
    await this.changes.run(tx, { kind: 'language', transcriptId, tsConfig });
  }

  /** The language of the transcript's stored turns, when the detector is confident. */
  private async detect(transcript: TranscriptEntity): Promise<string | null> {
    const step = Math.max(1, Math.ceil(transcript.segmentCount / SAMPLE_TURNS));
    const rows = await queryRows<{ text: string }>(
      this.db,
      `SELECT text FROM segment WHERE transcript_id = $1 AND index % $2 = 0 ORDER BY index LIMIT $3`,
      [transcript.id, step, SAMPLE_TURNS],
    );
    return detectLanguage(rows.map((r) => r.text))?.language ?? null;
  }
}
