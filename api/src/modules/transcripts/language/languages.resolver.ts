import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { SignedIn } from '../../../common/access/policy.decorator';
import { TranscriptLanguageService } from './transcript-language.service';

@ObjectType('SearchLanguage', { description: 'A language whose words search can stem.' })
export class SearchLanguageType {
  @Field({ description: 'The tag to store, e.g. "de".' })
  code!: string;

  @Field({ description: 'Its English name, e.g. "German".' })
  name!: string;
}

@Resolver(() => SearchLanguageType)
export class LanguagesResolver {
  constructor(private readonly language: TranscriptLanguageService) {}

  @SignedIn()
  @Query(() => [SearchLanguageType], {
    description: 'The languages transcripts can be stemmed in (for language pickers).',
  })
  async searchLanguages(): Promise<SearchLanguageType[]> {
    return (await this.language.stemmingLanguages()).map(({ code, name }) => ({ code, name }));
  }
}
