import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'verbatim:public';

/** Marks an operation that anonymous callers may use. Everything else requires a signed-in user. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
