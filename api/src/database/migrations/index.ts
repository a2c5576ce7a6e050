import { Init1795610054285 } from './1795610054285-Init';
import { Teams1795612418952 } from './1795612418952-Teams';
import { Highlights1795615296553 } from './1795615296553-Highlights';
import { Sessions1795612654751 } from './1795612654751-Sessions';
import { TagViews1795617706402 } from './1795617706402-TagViews';
import { SearchLanguage1795617758295 } from './1795617758295-SearchLanguage';
import { Analysis1795624020343 } from './1795624020343-Analysis';
import { CodebookIntegrity1795700000000 } from './1795700000000-CodebookIntegrity';
import { ListIndexes1795700000001 } from './1795700000001-ListIndexes';
import { JobGenerations1796586795613 } from './1796586795613-JobGenerations';
import { AnalysisBoundedAudit1796587203576 } from './1796587203576-AnalysisBoundedAudit';
import { SuggestionTrust1796587992841 } from './1796587992841-SuggestionTrust';
import { SpeakerScopes1796588004992 } from './1796588004992-SpeakerScopes';
import { TranscriptLanguage1796588021562 } from './1796588021562-TranscriptLanguage';
import { SuggestionTagConfidences1796609377483 } from './1796609377483-SuggestionTagConfidences';
import { InterviewDate1796610000000 } from './1796610000000-InterviewDate';
import { TagUpdatedAt1796610000001 } from './1796610000001-TagUpdatedAt';
import { Boards1796622235281 } from './1796622235281-Boards';
import { ThemeSuggestions1796624712481 } from './1796624712481-ThemeSuggestions';
import { Insights1796642438188 } from './1796642438188-Insights';
import { ThemeSuggestionProviders1796645035251 } from './1796645035251-ThemeSuggestionProviders';
import { InsightSearchIndexes1796647791619 } from './1796647791619-InsightSearchIndexes';
import { ThemeSuggestionNotes1796652408646 } from './1796652408646-ThemeSuggestionNotes';
import { InsightPerTheme1796652791912 } from './1796652791912-InsightPerTheme';
import { Comments1796655631489 } from './1796655631489-Comments';
import { CommentTargetCleanup1796656000000 } from './1796656000000-CommentTargetCleanup';
import { Notifications1796656169738 } from './1796656169738-Notifications';
import { ActivityProjectIndex1796660000000 } from './1796660000000-ActivityProjectIndex';
import { ReadMarkers1796660000001 } from './1796660000001-ReadMarkers';
import { ItemReadMarkers1796664550152 } from './1796664550152-ItemReadMarkers';
import { Assignments1796664651466 } from './1796664651466-Assignments';
import { Mail1796665227512 } from './1796665227512-Mail';
import { TranscriptRetryable1796666419256 } from './1796666419256-TranscriptRetryable';
import { Exports1796677274888 } from './1796677274888-Exports';
import { NotificationComment1796677846754 } from './1796677846754-NotificationComment';
import { ProjectImports1796678560000 } from './1796678560000-ProjectImports';
import { Reports1796678717479 } from './1796678717479-Reports';
import { ExportFailedNotification1796690511029 } from './1796690511029-ExportFailedNotification';

/** Every migration, in order. Committed migrations are never edited; add new ones here. */
export const MIGRATIONS = [
  Init1795610054285,
  Teams1795612418952,
  Sessions1795612654751,
  Highlights1795615296553,
  TagViews1795617706402,
  SearchLanguage1795617758295,
  Analysis1795624020343,
  CodebookIntegrity1795700000000,
  ListIndexes1795700000001,
  JobGenerations1796586795613,
  AnalysisBoundedAudit1796587203576,
  SuggestionTrust1796587992841,
  SpeakerScopes1796588004992,
  TranscriptLanguage1796588021562,
  SuggestionTagConfidences1796609377483,
  InterviewDate1796610000000,
  TagUpdatedAt1796610000001,
  Boards1796622235281,
  ThemeSuggestions1796624712481,
  Insights1796642438188,
  ThemeSuggestionProviders1796645035251,
  InsightSearchIndexes1796647791619,
  ThemeSuggestionNotes1796652408646,
  InsightPerTheme1796652791912,
  Comments1796655631489,
  CommentTargetCleanup1796656000000,
  Notifications1796656169738,
  ActivityProjectIndex1796660000000,
  ReadMarkers1796660000001,
  ItemReadMarkers1796664550152,
  Assignments1796664651466,
  Mail1796665227512,
  TranscriptRetryable1796666419256,
  Exports1796677274888,
  NotificationComment1796677846754,
  ProjectImports1796678560000,
  Reports1796678717479,
  ExportFailedNotification1796690511029,
];
