import path from 'node:path';
import { workerTask } from '../../../common/workers/worker-task';
import type * as ImportTask from './import.task';

export const READ_IMPORT = workerTask<typeof ImportTask.readImport>(
  path.join(__dirname, 'import.task'),
  'readImport',
);
