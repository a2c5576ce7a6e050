import { startServer } from './server';

export default async function globalSetup(): Promise<void> {
  const state = await startServer();
  process.env['E2E_BASE_URL'] = state.baseUrl;
}
