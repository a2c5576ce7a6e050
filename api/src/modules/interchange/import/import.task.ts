/**
 * Runs in a worker thread of the WorkerPool: reads a .qdpx or .qdc with libs/interop's safe
 * readers (limits, no DTD, no path traversal) and makes the import plan. Failures the person
 * importing must see come back as data (errors lose their class between threads).
 */
import { InteropError, type QdaReadLimits, readCodebook, readProject } from '@verbatim/interop';
import { readFile } from 'node:fs/promises';
import { type ImportPlan, planCodebook, planProject, PlanRefusal } from './import-plan';

export interface ReadImportInput {
  path: string;
  kind: 'QDPX' | 'QDC';
  /** The name a codebook's project gets (a .qdc has none of its own). */
  fallbackName: string;
  limits: Partial<QdaReadLimits>;
  maxCodes: number;
}

export type ReadImportOutput =
  | { ok: true; plan: ImportPlan }
  | { ok: false; code: string; message: string; detail?: string };

export async function readImport(input: ReadImportInput): Promise<ReadImportOutput> {
  try {
    if (input.kind === 'QDC') {
      const bytes = await readFile(input.path);
      const { codebook, warnings } = readCodebook(bytes, input.limits);
      return {
        ok: true,
        plan: planCodebook(input.fallbackName, codebook.codes, warnings, input),
      };
    }
    const { project, warnings } = await readProject({ path: input.path }, input.limits);
    return { ok: true, plan: planProject(project, warnings, input) };
  } catch (error) {
    if (error instanceof InteropError)
      return {
        ok: false,
        code: error.code,
        message: error.message,
        ...(error.detail ? { detail: error.detail } : {}),
      };
    if (error instanceof PlanRefusal) return { ok: false, code: 'REFUSED', message: error.message };
    throw error;
  }
}
