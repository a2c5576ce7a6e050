import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';

/**
 * One Clock for the whole application: every module that reads the time reads this one, so a
 * test that sets it (`jest.spyOn(app.get(Clock), 'now')`) sets it for all of them.
 */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
