export { describeInjection, detectInjection, injectionContext } from './detect-injection';
export type { InjectionFinding, InjectionKind } from './detect-injection';
