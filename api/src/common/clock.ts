import { Injectable } from '@nestjs/common';

/**
 * The time as the application decides with it (when a digest is due). One injectable, so a test
 * can set the time (`jest.spyOn(app.get(Clock), 'now')`) instead of waiting for it; ClockModule
 * provides it once for the whole application.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
