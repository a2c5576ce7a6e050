import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type {
  ParticipantFragment as Participant,
  SpeakerMappingFragment as SpeakerMapping,
} from '@verbatim/contracts';
import {
  MapSpeakerDocument as MAP_SPEAKER,
  ParticipantsDocument as PARTICIPANTS,
  SpeakerMappingsDocument as SPEAKER_MAPPINGS,
  UndoSpeakerMappingDocument as UNDO_SPEAKER_MAPPING,
  UpdateParticipantDocument as UPDATE_PARTICIPANT,
} from '@verbatim/contracts/participants';
import { participantName } from '../../shared/participant-name';
import { plural } from '../../shared/format';
import { filterParticipants } from './speaker-filter';
import type { Turn } from './turns';

/**
 * The speakers of the transcript in the reader's header. Editors rename a speaker, say who a
 * speaker is ("This is…": an existing participant of the project, searchable), and undo such
 * a mapping; the reader reloads its turns after each change (`changed`).
 */
@Component({
  selector: 'vb-speaker-panel',
  templateUrl: './speaker-panel.html',
  styleUrl: './speaker-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpeakerPanel {
  private readonly apollo = inject(Apollo);

  readonly transcriptId = input.required<string>();
  readonly projectId = input.required<string>();
  readonly participants = input.required<readonly Participant[]>();
  readonly turns = input.required<readonly Turn[]>();
  readonly canEdit = input(false);
  /** Speakers or names changed: the reader loads the transcript again. */
  readonly changed = output<void>();

  protected readonly open = signal(false);
  protected readonly mappings = signal<readonly SpeakerMapping[]>([]);
  protected readonly projectParticipants = signal<readonly Participant[] | null>(null);
  /** The speaker whose "This is…" picker is open, and what was typed into it. */
  protected readonly choosingFor = signal<string | null>(null);
  protected readonly query = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly plural = plural;
  protected readonly nameOf = participantName;

  /** Turns per participant in this transcript (the participant's own count spans the project). */
  protected readonly turnsHere = computed(() => {
    const counts = new Map<string, number>();
    for (const t of this.turns())
      if (t.participantId) counts.set(t.participantId, (counts.get(t.participantId) ?? 0) + 1);
    return counts;
  });
  protected readonly speakers = computed(() =>
    this.participants().filter((p) => (this.turnsHere().get(p.id) ?? 0) > 0),
  );
  protected readonly choices = computed(() => {
    const speaker = this.choosingFor();
    const all = this.projectParticipants() ?? [];
    return filterParticipants(
      all.filter((p) => p.id !== speaker),
      this.query(),
    );
  });

  constructor() {
    effect(() => {
      const transcriptId = this.transcriptId();
      this.participants();
      untracked(() => void this.loadMappings(transcriptId));
    });
  }

  protected toggle(): void {
    this.open.update((o) => !o);
  }

  protected async rename(participant: Participant, event: Event): Promise<void> {
    const field = event.target as HTMLInputElement;
    const displayName = field.value.trim();
    if (!displayName) {
      field.value = participant.displayName;
      this.error.set('A name cannot be empty.');
      return;
    }
    if (displayName === participant.displayName) return;
    await this.run(() =>
      firstValueFrom(
        this.apollo.mutate({
          mutation: UPDATE_PARTICIPANT,
          variables: { input: { id: participant.id, displayName } },
        }),
      ),
    );
  }

  protected async choose(speakerId: string): Promise<void> {
    this.choosingFor.set(speakerId);
    this.query.set('');
    if (this.projectParticipants()) return;
    try {
      const result = await firstValueFrom(
        this.apollo.query({
          query: PARTICIPANTS,
          variables: { projectId: this.projectId() },
          fetchPolicy: 'network-only',
        }),
      );
      this.projectParticipants.set(result.data?.participants ?? []);
    } catch (err) {
      this.error.set(toAppError(err).message);
    }
  }

  protected async map(speaker: Participant, target: Participant): Promise<void> {
    const input = {
      transcriptId: this.transcriptId(),
      participantId: speaker.id,
      targetParticipantId: target.id,
    };
    const done = await this.run(() =>
      firstValueFrom(this.apollo.mutate({ mutation: MAP_SPEAKER, variables: { input } })),
    );
    if (done) this.choosingFor.set(null);
  }

  protected async undo(mapping: SpeakerMapping): Promise<void> {
    await this.run(() =>
      firstValueFrom(
        this.apollo.mutate({
          mutation: UNDO_SPEAKER_MAPPING,
          variables: { input: { id: mapping.id } },
        }),
      ),
    );
  }

  protected onPickerKey(event: KeyboardEvent, speaker: Participant): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.choosingFor.set(null);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const [first] = this.choices();
      if (first) void this.map(speaker, first);
    }
  }

  /** Runs a change; on success the project's participants are fetched anew and the reader reloads. */
  private async run(change: () => Promise<unknown>): Promise<boolean> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await change();
      this.projectParticipants.set(null);
      this.changed.emit();
      return true;
    } catch (err) {
      this.error.set(toAppError(err).message);
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  private async loadMappings(transcriptId: string): Promise<void> {
    try {
      const result = await firstValueFrom(
        this.apollo.query({
          query: SPEAKER_MAPPINGS,
          variables: { filter: { transcriptId }, first: 100 },
          fetchPolicy: 'network-only',
        }),
      );
      if (transcriptId === this.transcriptId())
        this.mappings.set(result.data?.speakerMappings.edges.map((e) => e.node) ?? []);
    } catch {
      this.mappings.set([]);
    }
  }
}
