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
import { Apollo } from 'apollo-angular';
import type { Subscription } from 'rxjs';
import type { PresenceTargetType } from '@verbatim/contracts';
import { PresenceDocument } from '@verbatim/contracts/presence';
import { resubscribeOnError } from '../../core/apollo/resubscribe';
import { AuthStore } from '../../core/auth/auth-store';
import { Avatar } from '../avatar/avatar';

/** Avatars shown before the rest are counted as "+N". */
const SHOWN = 4;

interface Person {
  readonly id: string;
  readonly name: string;
}

/**
 * Who to show of those present (`people`, at most the first few named of `count` in all): the
 * others, not `meId`, the first `max` of them, and how many more there are.
 */
export function othersHere(
  people: readonly Person[],
  count: number,
  meId: string | undefined,
  max = SHOWN,
): { shown: readonly Person[]; more: number } {
  const others = people.filter((p) => p.id !== meId);
  const meHere = others.length < people.length ? 1 : 0;
  const shown = others.slice(0, max);
  return { shown, more: Math.max(0, count - meHere - shown.length) };
}

/**
 * "Also here": the avatars of the other people who have this transcript or board open right
 * now. Being on the page makes the user present to them too (the `presence` subscription lives
 * as long as this component); nothing is shown while the user is alone.
 */
@Component({
  selector: 'vb-presence',
  imports: [Avatar],
  template: `
    @if (shown().length) {
      <div class="presence" role="group" aria-label="Also here" data-testid="presence">
        <span class="presence-label" aria-hidden="true">Also here</span>
        <span class="stack">
          @for (person of shown(); track person.id) {
            <vb-avatar [name]="person.name" [personId]="person.id" />
          }
          @if (more() > 0) {
            <span class="more" role="img" [attr.aria-label]="more() + ' more'">+{{ more() }}</span>
          }
        </span>
      </div>
    }
  `,
  styles: `
    .presence {
      display: inline-flex;
      align-items: center;
      gap: 0.45rem;
      font-size: 0.85rem;
      color: var(--muted);
    }
    .stack {
      display: inline-flex;
      --avatar-size: 1.65rem;
    }
    .stack > * + * {
      margin-left: -0.35rem;
    }
    vb-avatar,
    .more {
      border: 2px solid var(--surface);
      border-radius: 50%;
    }
    .more {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: 1.65rem;
      height: 1.65rem;
      padding: 0 0.2rem;
      background: var(--surface-muted);
      color: var(--text);
      font-size: 0.7rem;
      font-weight: 650;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PresenceAvatars {
  private readonly apollo = inject(Apollo);
  private readonly me = inject(AuthStore).user;
  private live: Subscription | null = null;

  readonly targetType = input.required<PresenceTargetType>();
  readonly targetId = input.required<string>();

  private readonly people = signal<readonly Person[]>([]);
  /** Everyone present, the user included, even beyond the people named. */
  private readonly total = signal(0);

  private readonly here = computed(() => othersHere(this.people(), this.total(), this.me()?.id));
  protected readonly shown = computed(() => this.here().shown);
  protected readonly more = computed(() => this.here().more);

  constructor() {
    effect(() => {
      const targetType = this.targetType();
      const targetId = this.targetId();
      untracked(() => this.follow(targetType, targetId));
    });
    inject(DestroyRef).onDestroy(() => this.live?.unsubscribe());
  }

  private follow(targetType: PresenceTargetType, targetId: string): void {
    this.live?.unsubscribe();
    this.people.set([]);
    this.total.set(0);
    this.live = this.apollo
      .subscribe({
        query: PresenceDocument,
        variables: { targetType, targetId },
        fetchPolicy: 'no-cache',
      })
      // A dropped connection resubscribes (and is present again); lost access ends it.
      .pipe(resubscribeOnError(() => undefined))
      .subscribe({
        next: ({ data }) => {
          if (!data) return;
          this.people.set(data.presence.users);
          this.total.set(data.presence.count);
        },
        error: () => {
          this.people.set([]);
          this.total.set(0);
        },
      });
  }
}
