import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

/** Request and response text in an audit entry are cut to this many characters. */
export const AUDIT_PREVIEW_CHARS = 8000;

/**
 * The fields of one request to an AI provider and its answer, shared by AnalysisExchange and
 * ThemeSuggestionExchange (each adds what the request was for).
 */
@ObjectType({ isAbstract: true })
export abstract class ProviderExchangeFields {
  @Field(() => ID)
  id!: string;

  @Field()
  endpoint!: string;

  @Field()
  model!: string;

  /** HTTP status of the answer, when there was one. */
  @Field(() => Int, { nullable: true })
  status!: number | null;

  @Field({
    description: `The request body as sent (after redaction), as JSON text: its first ${AUDIT_PREVIEW_CHARS} characters.`,
  })
  request!: string;

  @Field({ description: 'Whether `request` is cut short (download the whole body).' })
  requestTruncated!: boolean;

  @Field(() => Int, { description: 'Size of the whole request body, in bytes.' })
  requestBytes!: number;

  @Field(() => String, {
    nullable: true,
    description: `The response body as received: its first ${AUDIT_PREVIEW_CHARS} characters; null when nothing came back.`,
  })
  response!: string | null;

  @Field({ description: 'Whether `response` is cut short (download the whole body).' })
  responseTruncated!: boolean;

  @Field(() => Int, { description: 'Size of the stored response body, in bytes.' })
  responseBytes!: number;

  @Field({
    description:
      'False when the answer was larger than the response limit (LLM_MAX_RESPONSE_BYTES): reading stopped and only its beginning is kept.',
  })
  responseComplete!: boolean;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Int)
  promptTokens!: number;

  @Field(() => Int)
  completionTokens!: number;

  @Field(() => Int)
  durationMs!: number;

  /** When the request was sent. */
  @Field()
  createdAt!: Date;
}
