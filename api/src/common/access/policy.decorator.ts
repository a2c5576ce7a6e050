import { SetMetadata } from '@nestjs/common';
import { type TargetKind } from './access.service';
import { type Action } from './policy';

export const POLICY_RULE = 'verbatim:policy';

/** What an operation needs; read by the PolicyGuard. */
export type PolicyRule =
  | { kind: 'signed-in' }
  | { kind: 'action'; action: Action; target: TargetKind; from: string }
  | { kind: 'action-any'; action: Action; targets: { target: TargetKind; from: string }[] }
  | {
      kind: 'action-typed';
      action: Action;
      typeFrom: string;
      from: string;
      targets: Readonly<Record<string, TargetKind>>;
    };

/**
 * Declares the action an operation performs and where its resource id is: a dotted path into
 * the GraphQL arguments (`input.projectId`, `id`) or, for REST, the route params (`projectId`).
 */
export const Requires = (action: Action, target: TargetKind, from: string = target) =>
  SetMetadata<string, PolicyRule>(POLICY_RULE, { kind: 'action', action, target, from });

/** Any signed-in user; the operation scopes itself to that user (e.g. `workspaces`, `me`). */
export const SignedIn = () => SetMetadata<string, PolicyRule>(POLICY_RULE, { kind: 'signed-in' });

/**
 * Like @Requires for an operation scoped by whichever of several ids it is given (e.g. a filter
 * by run, transcript or project): the first one present is checked. Sound when the operation
 * combines the ids with AND, so every row it returns lies within the checked resource.
 */
export const RequiresAny = (action: Action, targets: { target: TargetKind; from: string }[]) =>
  SetMetadata<string, PolicyRule>(POLICY_RULE, { kind: 'action-any', action, targets });

/**
 * Like @Requires for an operation on a resource of one of several kinds, named by an enum
 * argument beside its id (e.g. a comment's `targetType` and `targetId`): `targets` maps each
 * value of the enum to the kind of id it names.
 */
export const RequiresTyped = (
  action: Action,
  typeFrom: string,
  from: string,
  targets: Readonly<Record<string, TargetKind>>,
) =>
  SetMetadata<string, PolicyRule>(POLICY_RULE, {
    kind: 'action-typed',
    action,
    typeFrom,
    from,
    targets,
  });

/** Set by @LiveSubscription: the subscription's events are access-checked when delivered. */
export const LIVE_SUBSCRIPTION = 'verbatim:live-subscription';
