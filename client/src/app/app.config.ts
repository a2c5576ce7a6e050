import {
  type ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideApollo } from 'apollo-angular';
import { routes } from './app.routes';
import { createApolloOptions } from './core/apollo/apollo-options';
import { Session } from './core/auth/session';
import { SessionExpiry } from './core/auth/session-expiry';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(
      routes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
    ),
    provideApollo(createApolloOptions),
    { provide: SessionExpiry, useExisting: Session },
  ],
};
