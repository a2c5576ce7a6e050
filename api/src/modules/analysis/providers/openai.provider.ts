import {
  chunkTurns,
  cleanText,
  createRedactor,
  type DeductiveSuggestion,
  detectInjection,
  LlmClient,
  type LlmExchange,
  type Redactor,
  renderTurnLine,
  type TurnText,
} from '@verbatim/analysis';
import { type AppConfig } from '../../../config/env';
import { AnalysisMode, AnalysisProviderKind } from '../analysis-run.entity';
import {
  type AnalysisProvider,
  type ChunkInput,
  type ChunkOutput,
  type ChunkRange,
  type Proposal,
  providerLabel,
} from './analysis-provider';

/** Up to this many examples per tag go into the prompt. */
const EXAMPLES_PER_TAG = 3;

/**
 * An OpenAI-compatible endpoint (OpenAI, Azure-style gateways, Ollama, vLLM, LM Studio) through
 * the `openai` SDK. Text is redacted before it is sent and restored in what comes back; the
 * proposals are grounded and validated by the caller like any other provider's.
 */
export class OpenAiProvider implements AnalysisProvider {
  readonly kind = AnalysisProviderKind.OPENAI;
  readonly model: string;
  readonly endpoint: string;
  readonly label: string;
  readonly readsText = true;
  readonly usesBackground = false;
  private readonly client: LlmClient;

  constructor(private readonly config: AppConfig['llm'] & { apiKey: string }) {
    this.client = new LlmClient({
      apiKey: config.apiKey,
      baseURL: config.baseUrl,
      model: config.model,
      timeoutMs: config.timeoutMs,
      maxRetries: config.maxRetries,
      concurrency: config.concurrency,
      maxTokens: config.maxTokens,
      maxTokensParameter: config.maxTokensParameter,
      maxResponseBytes: config.maxResponseBytes,
      maxInlineRetryDelayMs: config.retryAfterInlineMs,
    });
    this.model = config.model;
    this.endpoint = this.client.endpoint;
    this.label = providerLabel(this.kind, this.model, this.endpoint);
  }

  chunk(turns: TurnText[]): ChunkRange[] {
    return chunkTurns(turns, {
      maxTokens: this.config.chunkTokens,
      overlapTokens: this.config.chunkOverlapTokens,
    }).map((c) => ({
      firstTurn: c.firstTurn,
      lastTurn: c.lastTurn,
    }));
  }

  prepare(): Promise<null> {
    return Promise.resolve(null);
  }

  async analyse(input: ChunkInput): Promise<ChunkOutput> {
    const redactor = createRedactor({
      emails: input.redaction.emails,
      phones: input.redaction.phones,
      names: input.redaction.names ? input.participantNames : [],
    });
    // The chunk's turns as the model sees them: one `[T12] Speaker: text` line each, redacted.
    const chunkText = input.turns
      .filter(
        (t) => t.index >= input.chunk.firstTurn && t.index <= input.chunk.lastTurn && t.text.trim(),
      )
      .map((t) =>
        renderTurnLine(
          { ...t, speaker: t.speaker === null ? null : redactor.redact(t.speaker) },
          redactor.redact(t.text),
        ),
      )
      .join('\n');
    if (!chunkText)
      return {
        proposals: [],
        usage: { promptTokens: 0, completionTokens: 0 },
        requests: 0,
        exchanges: [],
      };
    const result =
      input.mode === AnalysisMode.DEDUCTIVE
        ? await this.client.deductive({
            chunkText,
            // Everything about the codebook is redacted too: examples quote other transcripts,
            // and names or descriptions may name people. Examples that instruct a model are left out.
            codebook: input.codebook.map((t) => ({
              name: redactor.redact(t.name),
              description: t.description === null ? null : redactor.redact(t.description),
              examples: t.examples
                .filter((e) => detectInjection(e).length === 0)
                .slice(0, EXAMPLES_PER_TAG)
                .map((e) => redactor.redact(e)),
              ...(t.interviewerTurns ? { interviewerTurns: true } : {}),
            })),
            signal: input.signal,
          })
        : await this.client.inductive({ chunkText, signal: input.signal });
    return {
      proposals: toProposals(result.output, redactor),
      usage: result.usage,
      requests: result.exchanges.length,
      exchanges: result.exchanges,
    };
  }
}

/** Longest text kept from a model, per field (theme names fit their column). */
export const MODEL_TEXT_LIMITS = {
  quote: 2000,
  tag: 200,
  rationale: 2000,
  themeName: 100,
  themeDefinition: 2000,
} as const;

/** The model's answer as proposals: pseudonyms restored, text made storable (see cleanText). */
function toProposals(output: unknown, redactor: Redactor): Proposal[] {
  const o = output as {
    suggestions?: DeductiveSuggestion[];
    themes?: {
      name: string;
      definition: string;
      quotes: { quote: string; rationale: string; confidence: number }[];
    }[];
  };
  const text = (value: string, limit: number) => cleanText(redactor.restore(value), limit);
  const L = MODEL_TEXT_LIMITS;
  if (o.suggestions) {
    return o.suggestions.map((s) => ({
      quote: text(s.quote, L.quote),
      // A tag the model gave its own confidence keeps it; a bare name has the suggestion's.
      tags: s.tags.map((tag) =>
        typeof tag === 'string'
          ? { name: cleanText(redactor.restore(tag), L.tag) }
          : { name: cleanText(redactor.restore(tag.name), L.tag), confidence: tag.confidence },
      ),
      rationale: text(s.rationale, L.rationale),
      confidence: s.confidence,
    }));
  }
  return (o.themes ?? []).flatMap((theme) =>
    theme.quotes.map((q) => ({
      quote: text(q.quote, L.quote),
      themeName: text(theme.name, L.themeName),
      themeDefinition: text(theme.definition, L.themeDefinition),
      rationale: text(q.rationale, L.rationale),
      confidence: q.confidence,
    })),
  );
}

/** Exchanges carried by an error thrown from the LLM client (the audit keeps failed requests too). */
export function exchangesOf(error: unknown): LlmExchange[] {
  const exchanges = (error as { exchanges?: unknown })?.exchanges;
  return Array.isArray(exchanges) ? (exchanges as LlmExchange[]) : [];
}

/** USD per million tokens (input / output) of models whose price is known; LLM_PRICE overrides. */
const PRICES: Record<string, { input: number; output: number }> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
};

export function estimateCostUsd(
  model: string | null,
  usage: { promptTokens: number; completionTokens: number },
  override: { input: number; output: number } | null,
): number | null {
  if (model === null) return 0;
  const price = override ?? PRICES[model.replace(/-\d{4}-\d{2}-\d{2}$/, '')];
  if (!price) return null;
  return (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
}
