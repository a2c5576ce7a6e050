export {
  trainDeductiveTagger,
  type DeductiveTagger,
  type DeductiveTaggerOptions,
  type DeductiveTrainingInput,
  type ProposedTag,
  type OfflineSuggestion,
  type SentenceScores,
  type SuggestOptions,
} from './deductive';
export { parseDescription, type ParsedDescription } from './description';
export { GENERIC_SPOKEN_WORDS, isGenericTerm } from './generic-words';
export {
  discoverThemes,
  type DiscoverThemesOptions,
  type DiscoveredTheme,
  type ThemeDoc,
  type ThemeMember,
} from './themes';
