import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type PubSubEngine } from 'graphql-subscriptions';
import { type ReportDocument } from '@verbatim/interop';
import { DataSource } from 'typeorm';
import { LiveSubscription } from '../../common/access/live-subscription';
import { Requires } from '../../common/access/policy.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { PUB_SUB } from '../../common/pubsub/pubsub.token';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Public } from '../../common/auth/public.decorator';
import { Clock } from '../../common/clock';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import { paginate } from '../../common/pagination/paginate';
import { WorkerPool } from '../../common/workers/worker-pool';
import { RENDER_REPORT } from './report-export.renderer';
import { ReportEntity } from './report.entity';
import { ReportContent, type ReportRow, type ResolvedReport } from './report-content';
import { type ReportChange, ReportEventType, reportTopic } from './report-events';
import { ReportSharesService } from './report-shares.service';
import { ReportsService } from './reports.service';
import {
  AddReportSectionInput,
  CreateReportInput,
  MoveReportSectionInput,
  ReportSectionType,
  ReportShareType,
  ReportType,
  ShareReportInput,
  SharedReportType,
  UpdateReportInput,
  UpdateReportSectionInput,
} from './reports.types';

export const ReportConnection = ConnectionType(ReportType, 'Report');

export function toReportType(row: ReportRow): ReportType {
  return {
    id: row.id,
    projectId: row.project_id,
    title: row.title,
    pseudonymize: row.pseudonymize,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

@Resolver(() => ReportType)
export class ReportsResolver {
  /** One resolution per report object per request, shared by `sections` and `previewHtml`. */
  private readonly resolved = new WeakMap<ReportType, Promise<ResolvedReport>>();

  constructor(
    private readonly db: DataSource,
    private readonly service: ReportsService,
    private readonly shareLinks: ReportSharesService,
    private readonly content: ReportContent,
    private readonly clock: Clock,
    private readonly workers: WorkerPool,
  ) {}

  @Requires('report:read', 'reportId', 'id')
  @Query(() => ReportType)
  async report(@Args('id', { type: () => ID }) id: string): Promise<ReportType> {
    return toReportType(await this.service.get(id));
  }

  @Requires('report:read', 'projectId', 'projectId')
  @Query(() => ReportConnection, { description: "A project's reports, newest first." })
  reports(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
  ): Promise<Connection<ReportType>> {
    const qb = this.db
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .where('r.projectId = :projectId', { projectId });
    return paginate(qb, { first, after }, (r) => ({
      id: r.id,
      projectId: r.projectId,
      title: r.title,
      pseudonymize: r.pseudonymize,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }));
  }

  @Requires('report:write', 'projectId', 'input.projectId')
  @Mutation(() => ReportType)
  async createReport(
    @CurrentUser() user: AuthUser,
    @Args('input') input: CreateReportInput,
  ): Promise<ReportType> {
    return toReportType(await this.service.create(user, input));
  }

  @Requires('report:write', 'reportId', 'input.reportId')
  @Mutation(() => ReportType, {
    description:
      'Renames it or turns pseudonyms on or off; CONFLICT (extensions.version) when stale.',
  })
  async updateReport(
    @CurrentUser() user: AuthUser,
    @Args('input') input: UpdateReportInput,
  ): Promise<ReportType> {
    return toReportType(await this.service.update(user, input));
  }

  @Requires('report:write', 'reportId', 'id')
  @Mutation(() => ID, { description: 'Deletes the report, its sections and its share links.' })
  deleteReport(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.delete(user, id);
  }

  @Requires('report:write', 'reportId', 'input.reportId')
  @Mutation(() => ReportSectionType, {
    description:
      "Adds a section at the end (or after afterSectionId). Ids must be of the report's project, else BAD_USER_INPUT.",
  })
  async addReportSection(
    @CurrentUser() user: AuthUser,
    @Args('input') input: AddReportSectionInput,
  ): Promise<ReportSectionType> {
    const id = await this.service.addSection(user, input);
    return this.section(input.reportId, id);
  }

  @Requires('report:write', 'reportSectionId', 'input.sectionId')
  @Mutation(() => ReportSectionType, {
    description:
      "Edits a section's text, chosen quotes or chart; CONFLICT (extensions.version) when the section's version is stale.",
  })
  async updateReportSection(
    @CurrentUser() user: AuthUser,
    @Args('input') input: UpdateReportSectionInput,
  ): Promise<ReportSectionType> {
    const reportId = await this.service.updateSection(user, input);
    return this.section(reportId, input.sectionId);
  }

  @Requires('report:write', 'reportSectionId', 'input.sectionId')
  @Mutation(() => ReportType, {
    description:
      'Moves a section after another (null: first); CONFLICT (extensions.version) when the report changed since `version`.',
  })
  async moveReportSection(
    @CurrentUser() user: AuthUser,
    @Args('input') input: MoveReportSectionInput,
  ): Promise<ReportType> {
    return toReportType(await this.service.get(await this.service.moveSection(user, input)));
  }

  @Requires('report:write', 'reportSectionId', 'id')
  @Mutation(() => ReportType, { description: 'Removes a section; answers the report.' })
  async removeReportSection(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ReportType> {
    return toReportType(await this.service.get(await this.service.removeSection(user, id)));
  }

  @Requires('report:share', 'reportId', 'input.reportId')
  @Mutation(() => ReportShareType, {
    description:
      'A link anyone can open without logging in until expiresAt; its token is shown only here.',
  })
  shareReport(@CurrentUser() user: AuthUser, @Args('input') input: ShareReportInput) {
    return this.shareLinks.share(user, input);
  }

  @Requires('report:share', 'reportShareId', 'id')
  @Mutation(() => ReportShareType, { description: 'Turns a share link off for good.' })
  revokeReportShare(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.shareLinks.revoke(user, id);
  }

  @Public()
  @Query(() => SharedReportType, {
    description:
      'The report a share link shows, for anyone holding its token (no login). NOT_FOUND with extensions.reason UNKNOWN, EXPIRED or REVOKED otherwise.',
  })
  async sharedReport(
    @Args('token', { type: () => String }) token: string,
  ): Promise<SharedReportType> {
    const { report, expiresAt } = await this.shareLinks.open(token);
    const resolved = await this.content.resolve(report, this.clock.now());
    const doc = { ...resolved.document, sections: resolved.document.sections };
    // No links into the app, no ids: the quotes lose their link; only content is answered.
    for (const section of doc.sections)
      if ('quotes' in section) section.quotes = section.quotes.map((q) => ({ ...q, link: null }));
    return {
      title: doc.title,
      pseudonymized: doc.pseudonymized,
      expiresAt,
      html: await this.html(doc),
      sections: doc.sections.map((s) => ({
        kind: s.kind as SharedReportType['sections'][number]['kind'],
        title: s.kind === 'TEXT' || s.kind === 'QUOTES' ? null : s.title,
        text:
          s.kind === 'TEXT'
            ? s.markdown
            : s.kind === 'INSIGHT'
              ? s.body
              : s.kind === 'THEME'
                ? s.description
                : '',
        status: s.kind === 'INSIGHT' ? s.status : null,
        quotes:
          'quotes' in s
            ? s.quotes.map((q) => ({
                text: q.text,
                speaker: q.speaker,
                transcriptTitle: q.transcriptTitle,
                startMs: q.startMs,
              }))
            : [],
        svg: s.kind === 'CHART' ? s.svg : null,
      })),
    };
  }

  @ResolveField(() => [ReportSectionType], { description: 'In order, each with its content.' })
  async sections(@Parent() report: ReportType): Promise<ReportSectionType[]> {
    return (await this.resolve(report)).sections;
  }

  @ResolveField(() => String, {
    description:
      'The report as its HTML export: one self-contained document (no script, no external request) to show in a sandboxed iframe as the live preview; the PDF is printed from the same HTML.',
  })
  async previewHtml(@Parent() report: ReportType): Promise<string> {
    return this.html((await this.resolve(report)).document);
  }

  @ResolveField(() => [ReportShareType], {
    description: 'Its share links, newest first, without tokens.',
  })
  shares(@Parent() report: ReportType): Promise<ReportShareType[]> {
    return this.shareLinks.list(report.id);
  }

  /** The document as HTML, rendered in a worker thread (Markdown rendering is CPU work). */
  private async html(document: ReportDocument): Promise<string> {
    const { html } = await this.workers.run(RENDER_REPORT, {
      document,
      format: 'HTML',
      outPath: null,
    });
    return html ?? '';
  }

  private resolve(report: ReportType): Promise<ResolvedReport> {
    let resolved = this.resolved.get(report);
    if (!resolved) {
      resolved = this.content.resolve(
        {
          id: report.id,
          project_id: report.projectId,
          title: report.title,
          pseudonymize: report.pseudonymize,
        },
        this.clock.now(),
      );
      this.resolved.set(report, resolved);
    }
    return resolved;
  }

  private async section(reportId: string, sectionId: string): Promise<ReportSectionType> {
    const report = await this.service.get(reportId);
    const resolved = await this.content.resolve(report, this.clock.now());
    const section = resolved.sections.find((s) => s.id === sectionId);
    if (!section) throw new Error('the section just written is not in its report');
    return section;
  }
}

/** Live builder: everyone with a report open sees its changes (each event access-checked). */
@Resolver(() => ReportEventType)
export class ReportEventsResolver {
  constructor(
    @Inject(PUB_SUB) private readonly pubsub: PubSubEngine,
    private readonly service: ReportsService,
  ) {}

  @LiveSubscription(() => ReportEventType, {
    requires: { action: 'report:read', target: 'reportId' },
    description:
      'Changes of the report (title, settings, sections, order, share links), each with the new version; ends with NOT_FOUND once the report is deleted or the subscriber loses access.',
    resolve: (payload: { reportChanged: ReportChange }) => payload.reportChanged,
  })
  reportChanged(@Args('reportId', { type: () => ID }) reportId: string): AsyncIterator<unknown> {
    return this.pubsub.asyncIterableIterator(reportTopic(reportId));
  }

  @ResolveField(() => ReportType, { nullable: true, description: 'The report as it is now.' })
  async report(@Parent() event: ReportChange): Promise<ReportType | null> {
    try {
      return toReportType(await this.service.get(event.reportId));
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'NOT_FOUND') return null;
      throw error;
    }
  }
}
