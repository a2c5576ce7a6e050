import { registerEnumType } from '@nestjs/graphql';

export enum ReadState {
  NEW = 'NEW',
  UPDATED = 'UPDATED',
  SEEN = 'SEEN',
}
registerEnumType(ReadState, {
  name: 'ReadState',
  description:
    'Whether the caller has caught up with it. NEW: someone else added it and the caller never opened it; UPDATED: others changed it after the caller last had it open; SEEN: nothing new.',
});
