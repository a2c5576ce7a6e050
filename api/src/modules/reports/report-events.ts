import { Inject, Injectable, Logger } from '@nestjs/common';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type PubSubEngine } from 'graphql-subscriptions';
import { PUB_SUB } from '../../common/pubsub/pubsub.token';

export enum ReportChangeKind {
  /** The report's title, settings, sections or their order changed: read it again. */
  UPDATED = 'UPDATED',
  /** A share link was made or revoked. */
  SHARES_CHANGED = 'SHARES_CHANGED',
}
registerEnumType(ReportChangeKind, { name: 'ReportChangeKind' });

/** What goes through pub/sub for a report change: ids only, read fresh by every subscriber. */
export interface ReportChange {
  kind: ReportChangeKind;
  reportId: string;
  version: number;
  actorId: string | null;
}

@ObjectType('ReportEvent', { description: 'A change of a report, for everyone in its builder.' })
export class ReportEventType {
  @Field(() => ReportChangeKind)
  kind!: ReportChangeKind;

  @Field(() => ID)
  reportId!: string;

  @Field(() => Int, {
    description: "The report's version after the change: a gap means an event was missed.",
  })
  version!: number;

  @Field(() => ID, { nullable: true, description: 'Who made the change.' })
  actorId!: string | null;

  // `report` (the report as it is now) is a resolved field (reports.resolver.ts).
}

export const reportTopic = (reportId: string) => `report-changed:${reportId}`;

/**
 * Publishes report changes after they commit. A lost event is not lost data: a failing pub/sub is
 * logged and the change stands; a builder that sees a version gap reloads the report.
 */
@Injectable()
export class ReportEvents {
  private readonly logger = new Logger(ReportEvents.name);

  constructor(@Inject(PUB_SUB) private readonly pubsub: PubSubEngine) {}

  async publish(change: ReportChange): Promise<void> {
    try {
      await this.pubsub.publish(reportTopic(change.reportId), { reportChanged: change });
    } catch (error) {
      this.logger.warn(`Report event for ${change.reportId} not sent: ${(error as Error).message}`);
    }
  }
}
