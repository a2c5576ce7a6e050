import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { ParticipantAttributes } from './participant-attributes';
import { Apollo, type QueryRef } from 'apollo-angular';
import { type Subscription, firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type {
  ParticipantFragment as Participant,
  SpeakerMappingFragment as SpeakerMapping,
  UpdateParticipantInput,
} from '@verbatim/contracts';
import {
  ParticipantsDocument,
  SpeakerMappingsDocument,
  UndoSpeakerMappingDocument,
  UpdateParticipantDocument,
} from '@verbatim/contracts/participants';
import { plural } from '../../shared/format';

type ParticipantAttribute = Participant['attributes'][number];

type RowState = { saving: boolean; error: string | null; saved: boolean };

/**
 * Speakers found in the project's transcripts: rename them and mark the interviewers; speakers
 * mapped onto other participants are listed with Undo.
 */
@Component({
  selector: 'vb-participants-panel',
  imports: [RouterLink, ParticipantAttributes],
  templateUrl: './participants-panel.html',
  styleUrl: './participants-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ParticipantsPanel {
  private readonly apollo = inject(Apollo);
  private readonly destroyRef = inject(DestroyRef);
  private query: QueryRef<{ participants: Participant[] }, { projectId: string }> | null = null;
  private subscription: Subscription | null = null;

  readonly projectId = input.required<string>();
  /** Editors rename speakers and mark interviewers; others read the names as text. */
  readonly editable = input(false);

  protected readonly participants = signal<readonly Participant[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly rows = signal<Record<string, RowState>>({});
  protected readonly mappings = signal<readonly SpeakerMapping[]>([]);
  protected readonly undoing = signal(false);
  protected readonly mappingError = signal<string | null>(null);
  protected readonly plural = plural;
  /** Attribute keys the project's participants have, offered when adding one. */
  protected readonly attributeKeys = computed(() => [
    ...new Set((this.participants() ?? []).flatMap((p) => p.attributes.map((a) => a.key))),
  ]);

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => {
        this.load(projectId);
        void this.loadMappings(projectId);
      });
    });
  }

  /** Asks the server again, e.g. after a transcript finished processing. */
  refresh(): void {
    void this.query?.refetch();
    void this.loadMappings(this.projectId());
  }

  protected async undo(mapping: SpeakerMapping): Promise<void> {
    this.undoing.set(true);
    this.mappingError.set(null);
    try {
      await firstValueFrom(
        this.apollo.mutate({
          mutation: UndoSpeakerMappingDocument,
          variables: { input: { id: mapping.id } },
        }),
      );
      this.refresh();
    } catch (err) {
      this.mappingError.set(toAppError(err).message);
    } finally {
      this.undoing.set(false);
    }
  }

  private async loadMappings(projectId: string): Promise<void> {
    try {
      const result = await firstValueFrom(
        this.apollo.query({
          query: SpeakerMappingsDocument,
          variables: { filter: { projectId }, first: 100 },
          fetchPolicy: 'network-only',
        }),
      );
      if (projectId === this.projectId())
        this.mappings.set(result.data?.speakerMappings.edges.map((e) => e.node) ?? []);
    } catch (err) {
      this.mappingError.set(toAppError(err).message);
    }
  }

  private load(projectId: string): void {
    this.subscription?.unsubscribe();
    this.participants.set(null);
    this.query = this.apollo.watchQuery({ query: ParticipantsDocument, variables: { projectId } });
    this.subscription = this.query.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((result) => {
        if (result.dataState === 'complete') this.participants.set(result.data.participants);
        this.loadError.set(result.error ? toAppError(result.error).message : null);
      });
  }

  protected rename(participant: Participant, event: Event): void {
    const field = event.target as HTMLInputElement;
    const displayName = field.value.trim();
    if (!displayName) {
      field.value = participant.displayName;
      this.setRow(participant.id, {
        saving: false,
        saved: false,
        error: 'A name cannot be empty.',
      });
      return;
    }
    if (displayName === participant.displayName) return;
    void this.save({ id: participant.id, displayName });
  }

  protected toggleInterviewer(participant: Participant, event: Event): void {
    void this.save({
      id: participant.id,
      isInterviewer: (event.target as HTMLInputElement).checked,
    });
  }

  protected setAttributes(participant: Participant, attributes: ParticipantAttribute[]): void {
    void this.save({ id: participant.id, attributes });
  }

  protected attributeProblem(participant: Participant, message: string): void {
    this.setRow(participant.id, { saving: false, saved: false, error: message });
  }

  protected row(id: string): RowState {
    return this.rows()[id] ?? { saving: false, error: null, saved: false };
  }

  private async save(input: UpdateParticipantInput): Promise<void> {
    this.setRow(input.id, { saving: true, error: null, saved: false });
    try {
      await firstValueFrom(
        this.apollo.mutate({ mutation: UpdateParticipantDocument, variables: { input } }),
      );
      this.setRow(input.id, { saving: false, error: null, saved: true });
    } catch (err) {
      this.setRow(input.id, { saving: false, error: toAppError(err).message, saved: false });
    }
  }

  private setRow(id: string, state: RowState): void {
    this.rows.update((rows) => ({ ...rows, [id]: state }));
  }
}
