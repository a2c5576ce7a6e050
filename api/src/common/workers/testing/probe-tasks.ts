import path from 'node:path';
import { workerTask } from '../worker-task';
import type * as Probe from './probe.task';

const file = path.join(__dirname, 'probe.task');

export const ECHO = workerTask<typeof Probe.echo>(file, 'echo');
export const SPIN = workerTask<typeof Probe.spin>(file, 'spin');
export const HOG = workerTask<typeof Probe.hog>(file, 'hog');
export const FAIL = workerTask<typeof Probe.fail>(file, 'fail');
