export { fakeEmbedding, fakeModelAnswer, startFakeOpenAi } from './fake-openai';
export type { FakeBehaviour, FakeOpenAi, FakeOpenAiOptions, FakeRequest } from './fake-openai';
