export {
  trainDeductiveTagger,
  type DeductiveTagger,
  type DeductiveTaggerOptions,
  type OfflineSuggestion,
  type SentenceScores,
  type SuggestOptions,
} from './deductive';
export { parseDescription, type ParsedDescription } from './description';
export { discoverThemes, type DiscoverThemesOptions, type DiscoveredTheme, type ThemeDoc, type ThemeMember } from './themes';
