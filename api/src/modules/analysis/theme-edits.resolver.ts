import { Args, Field, ID, InputType, Mutation, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { Requires } from '../../common/access/policy.decorator';
import { badInput, DomainError, notFound } from '../../common/errors/domain-error';
import { queryRows } from '../../database/sql';
import { AnalysisRunsService } from './analysis-runs.service';
import { ProposedThemeType } from './analysis.types';

@InputType()
export class UpdateProposedThemeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'runId must be an analysis run id' })
  runId!: string;

  @Field({ description: 'The theme as the run proposed it (or as last renamed).' })
  @IsString()
  @MaxLength(100)
  name!: string;

  @Field(() => String, { nullable: true, description: 'The new name; the tag it becomes has it.' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'newName must not be empty' })
  @MaxLength(100, { message: 'newName must be at most 100 characters, as a tag name' })
  newName?: string | null;

  @Field(() => String, { nullable: true, description: 'The new definition; "" removes it.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'definition must be at most 2000 characters' })
  definition?: string | null;
}

/**
 * Themes a run proposed can be renamed and redefined before anyone accepts them: the change
 * applies to the theme's pending suggestions, so the tag an accept creates has the reviewed name
 * and definition. Suggestions already accepted made their tag; rejected ones stay as they were.
 * Renaming onto another proposed theme's name joins the two.
 */
@Resolver(() => ProposedThemeType)
export class ThemeEditsResolver {
  constructor(
    private readonly db: DataSource,
    private readonly runs: AnalysisRunsService,
  ) {}

  @Requires('suggestion:review', 'analysisRunId', 'input.runId')
  @Mutation(() => ProposedThemeType)
  async updateProposedTheme(
    @Args('input') input: UpdateProposedThemeInput,
  ): Promise<ProposedThemeType> {
    const newName = input.newName?.trim();
    if (input.newName !== undefined && input.newName !== null && !newName)
      throw badInput('newName must not be empty.');
    const definition =
      input.definition === undefined ? undefined : input.definition?.trim() || null;
    const changed = await queryRows<{ id: string }>(
      this.db,
      `UPDATE suggestion
          SET theme_name = coalesce($3, theme_name),
              theme_definition = CASE WHEN $4 THEN $5 ELSE theme_definition END
        WHERE run_id = $1 AND theme_name = $2 AND status = 'PENDING'
        RETURNING id`,
      [input.runId, input.name, newName ?? null, definition !== undefined, definition ?? null],
    );
    if (!changed.length)
      throw new DomainError(
        'NOT_FOUND',
        `No pending suggestion of this run has the theme “${input.name}”.`,
      );
    await this.runs.publish(input.runId);
    const theme = (await this.runs.themes([input.runId]))
      .get(input.runId)
      ?.find((t) => t.name === (newName ?? input.name));
    if (!theme) throw notFound('Theme');
    return theme;
  }
}
