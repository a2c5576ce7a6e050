import { applyDecorators } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** A GraphQL input field of required, non-empty text of at most `max` characters. */
export const RequiredText = (name: string, max: number) =>
  applyDecorators(
    Field(),
    IsString(),
    MinLength(1, { message: `${name} must not be empty` }),
    MaxLength(max, { message: `${name} must be at most ${max} characters` }),
  );

/** A nullable GraphQL input field of text of at most `max` characters (empty allowed). */
export const OptionalText = (name: string, max: number, description?: string) =>
  applyDecorators(
    Field(() => String, { nullable: true, ...(description ? { description } : {}) }),
    IsOptional(),
    IsString(),
    MaxLength(max, { message: `${name} must be at most ${max} characters` }),
  );
