export { createRedactor } from './redactor';
export type { Redactor, RedactorOptions } from './redactor';
