export { fakeEmbedding, fakeModelAnswer, startFakeOpenAi } from './fake-openai';
export type {
  FakeBehaviour,
  FakeChatRequest,
  FakeOpenAi,
  FakeOpenAiOptions,
  FakeRequest,
} from './fake-openai';
