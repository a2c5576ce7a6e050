import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  isLeafType,
  isListType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  TypeNameMetaFieldDef,
} from 'graphql';
import {
  type ComplexityEstimator,
  type ComplexityEstimatorArgs,
  getComplexity,
} from 'graphql-query-complexity';

/** Parsing stops beyond this many tokens; the client's largest document has a few hundred. */
export const MAX_DOCUMENT_TOKENS = 10_000;

/**
 * How many rows a list field without a page-size argument can return. Where the product has a
 * hard cap that is also a common size (2,000 tags per codebook) the cap is the price; small
 * nested lists (a highlight's tags, a transcript's speakers, the transcripts a run covers, read
 * from the run's own row) are priced at a generous typical size, which `npm run bench`
 * (scripts/bench-graphql.mjs) checks against real timings. A list field missing here fails
 * api/test/operation-pricing.int-spec.ts, so a new list has to be priced when it is added.
 */
export const LIST_ROWS: Readonly<Record<string, number>> = {
  'AnalysisCoverage.transcripts': 500,
  // Applying theme suggestions: at most 50 proposals of a run over at most 5,000 highlights.
  'ApplyThemeSuggestionsResult.skippedHighlightIds': 100,
  'ApplyThemeSuggestionsResult.themes': 50,
  'AnalysisRunSummary.invalidReasons': 10,
  'AnalysisRun.themes': 20,
  'AnalysisRun.transcripts': 50,
  // A board is priced as the 2,000-card board it is built for (50 themes of 20 cards and 1,000
  // unsorted): its lists are read in three queries whatever their sizes.
  'Board.themes': 50,
  'Board.unsorted': 1000,
  'BoardEvent.cardIds': 500,
  'BoardEvent.cards': 500,
  'BoardEvent.themeIds': 5,
  'BoardEvent.themes': 5,
  // A thread is priced at 20 replies (a thread holds at most 200; a page's replies are read in
  // one query), a comment at a few mentions and reactions (at most 50 and 20).
  'Comment.mentions': 5,
  'Comment.reactions': 5,
  'Comment.replies': 20,
  'Highlight.tags': 5,
  // An insight is priced like a theme: 20 highlights of evidence (all of many insights' evidence
  // is read in one query), a few tags.
  // A project digest lists the newest 5 transcripts and insights (DIGEST_ITEMS) and counts its
  // new highlights for at most 50 tags, all read by its four statements.
  'DigestHighlights.byTag': 50,
  'DigestItems.items': 5,
  'Insight.evidence': 20,
  'Insight.tags': 5,
  'Mutation.addCards': 500,
  // At most 100 ids at once (MAX_MARK_READ).
  'Mutation.markNotificationsRead': 100,
  'Participant.attributes': 5,
  // Who has a transcript or board open: at most 50 named (MAX_PRESENT_USERS).
  'Presence.users': 50,
  // An import keeps at most 50 warnings (MAX_IMPORT_WARNINGS), read with its row.
  'ProjectImport.warnings': 50,
  'Query.boards': 100,
  'Query.invitations': 100,
  'Query.participants': 250,
  'Query.projectMemberIds': 500,
  'Query.searchLanguages': 40,
  'Query.tagEvidence': 2000,
  'Query.tags': 2000,
  // A report: typically 20 sections of 10 quotes (MAX_SECTIONS 300, 50 quotes unless chosen), all
  // read in one statement per kind of content; a few share links.
  'Report.sections': 20,
  'Report.shares': 5,
  'ReportChart.tagIds': 10,
  'ReportSection.highlightIds': 10,
  'ReportSection.quotes': 10,
  'SharedReport.sections': 20,
  'SharedReportSection.quotes': 10,
  'SearchConnection.participants': 10,
  'SearchConnection.tags': 10,
  'SegmentCorrection.flagged': 10,
  'SegmentMerge.flagged': 10,
  'SegmentSplit.flagged': 10,
  'Suggestion.tags': 3,
  'TagMatrix.cells': 2000,
  'TagMatrix.columns': 500,
  'TagMatrix.tags': 2000,
  // A transcript's or theme's open assignments: one per person given it, typically a few (a
  // board's are read in one query).
  'Theme.assignments': 5,
  'Theme.cards': 20,
  'ThemeEvidence.breakdown': 20,
  // A run proposes at most 12 themes on its own, 50 when asked; its 2,000 highlights at most
  // spread over them (a proposal priced at 100): all read from the run's own row.
  'ThemeProposal.highlightIds': 100,
  'ThemeSuggestionRun.proposals': 50,
  // At most two: the embeddings and the titles, or why nothing was sent.
  'ThemeSuggestionRun.notes': 2,
  'Transcript.assignments': 10,
  'Transcript.participants': 10,
  'TurnEvent.segmentIds': 2,
  'TurnEvent.segments': 2,
};

/**
 * The largest page a page-size argument can ask for, per field (`first` of a connection is
 * capped at 100 by the pagination helper; a `segments` window at 5,000 turns).
 */
export const MAX_ROWS: Readonly<Record<string, number>> = { 'Transcript.segments': 5000 };
const MAX_PAGE = 100;

/**
 * Work a field does beyond its rows, in the same units: a full-text search or a filtered
 * aggregation over a project's highlights costs as much as thousands of fields; a turn count is
 * one COUNT per participant (over every turn of an interviewer who spoke in many interviews); a
 * window of turns and a transcript's speakers are one query each. Measured with
 * scripts/bench-graphql.mjs on the bench corpus.
 */
export const FIELD_BASE_COST: Readonly<Record<string, number>> = {
  'Query.search': 10_000,
  'Query.highlights': 300,
  'Query.insights': 1000,
  'Query.suggestions': 100,
  'Query.tagEvidence': 1000,
  'Query.tagMatrix': 1000,
  // Four aggregate statements over what is new in one project (highlights, comments, mentions,
  // board events, transcripts, insights), like a filtered highlight list.
  'Query.projectDigest': 300,
  'Participant.segmentCount': 150,
  // A whole report resolved (one statement per kind of content, charts aggregated over the
  // project's highlights) and, for the HTML, rendered.
  'Report.sections': 300,
  'Report.previewHtml': 500,
  'Query.sharedReport': 800,
  'Transcript.segments': 20,
  'Transcript.participants': 20,
};

const PAGE_ARGUMENTS = ['first', 'limit'] as const;

function pageArgument(field: GraphQLField<unknown, unknown>): string | null {
  return PAGE_ARGUMENTS.find((name) => field.args.some((a) => a.name === name)) ?? null;
}

/** The rows a call of `field` can return: its page size argument, its priced maximum, or 1. */
function rowsOf(
  typeName: string,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): number {
  const key = `${typeName}.${field.name}`;
  const argument = pageArgument(field);
  if (argument) {
    const max = MAX_ROWS[key] ?? MAX_PAGE;
    const value = args[argument];
    // An out-of-range page size is refused by the resolver; price what it could at most return.
    return typeof value === 'number' && Number.isFinite(value)
      ? Math.min(max, Math.max(0, value))
      : max;
  }
  if (typeName.endsWith('Connection') && field.name === 'edges') return 1; // priced by `first`
  if (isListType(getNullableType(field.type))) return LIST_ROWS[key] ?? Number.NaN;
  return 1;
}

/**
 * What a row of a list costs beyond its fields: fetching, mapping and completing a row costs
 * about as much as four of its scalar fields (measured on `segments` windows: a window's time
 * follows rows × (4 + fields) whether one field or nine are asked for).
 */
export const ROW_COST = 4;

/**
 * Cost of a field: every scalar costs 1 (except `__typename`, which Apollo Client adds to every
 * selection and costs nothing to resolve), an object 1 plus its selection, a list its rows times
 * (ROW_COST + one row's selection), a connection 1 plus `first` times its selection (each edge
 * being a row). So a `segments` window of 2,000 turns with six scalars and a participant id
 * costs about 24,000, and 45 windows of 5,000 turns of text cost 1,125,000. Fields that run
 * SQL of their own add FIELD_BASE_COST.
 */
export const rowEstimator: ComplexityEstimator = ({
  type,
  field,
  args,
  childComplexity,
}: ComplexityEstimatorArgs) => {
  // Introspection answers from the schema in memory; graphql-js's MaxIntrospectionDepthRule (a
  // standard rule) bounds how far its lists nest.
  if (field === TypeNameMetaFieldDef || field.name.startsWith('__') || type.name.startsWith('__'))
    return 0;
  const rows = rowsOf(type.name, field as GraphQLField<unknown, unknown>, args);
  if (Number.isNaN(rows)) return undefined; // an unpriced list: reported as an error
  const base = FIELD_BASE_COST[`${type.name}.${field.name}`] ?? 0;
  const selection = isLeafType(getNamedType(field.type)) ? 0 : childComplexity;
  if (isListType(getNullableType(field.type))) return base + rows * (ROW_COST + selection);
  return base + 1 + rows * selection;
};

/** Parsing, limits and pricing report their refusals with this shape (HTTP 400). */
export function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/**
 * The cost of one operation with its variables. Throws a BAD_USER_INPUT GraphQLError when the
 * document cannot be priced (invalid variables, too many nodes, an unpriced list).
 */
export function complexityOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
): number {
  try {
    return getComplexity({
      schema,
      query: document,
      variables,
      operationName,
      estimators: [rowEstimator],
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw badRequest(`The operation could not be priced: ${message}`);
  }
}

/**
 * How deep an operation nests fields (a root field is at depth 0, its fields at 1, …), fragments
 * included; introspection fields (`__schema`, `__type`) do not count. Each fragment's own depth is
 * computed once and remembered, so nested spreads cost linear time (spread cycles are refused by
 * the standard rules before this runs).
 */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  /** The deepest field below a selection set, counting that set's own fields as 0. */
  const depth = (set: SelectionSetNode | undefined): number => {
    let deepest = -1;
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value.startsWith('__')) continue;
        deepest = Math.max(deepest, s.selectionSet ? 1 + depth(s.selectionSet) : 0);
      } else if (s.kind === Kind.INLINE_FRAGMENT)
        deepest = Math.max(deepest, depth(s.selectionSet));
      else deepest = Math.max(deepest, spread(s.name.value));
    }
    return deepest;
  };
  const spread = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || visiting.has(name)) return -1;
    visiting.add(name);
    const d = depth(fragment.selectionSet);
    visiting.delete(name);
    memo.set(name, d);
    return d;
  };
  return Math.max(0, depth(operation.selectionSet));
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return fragments;
}

/**
 * Counts the aliases an operation uses, fragments included as often as they are spread (each
 * fragment is counted once and remembered, so a document of nested spreads is counted in linear
 * time; spread cycles are refused by the standard rules before this runs).
 */
export function aliasCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const count = (set: SelectionSetNode | undefined): number => {
    let n = 0;
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) n += (s.alias ? 1 : 0) + count(s.selectionSet);
      else if (s.kind === Kind.INLINE_FRAGMENT) n += count(s.selectionSet);
      else n += spread(s.name.value);
      if (n > Number.MAX_SAFE_INTEGER / 2) return n;
    }
    return n;
  };
  const spread = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || visiting.has(name)) return 0;
    visiting.add(name);
    const n = count(fragment.selectionSet);
    visiting.delete(name);
    memo.set(name, n);
    return n;
  };
  return count(operation.selectionSet);
}
