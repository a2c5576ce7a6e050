import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { FileStore, LocalFileStore } from './file-store';

@Global()
@Module({
  providers: [
    {
      provide: FileStore,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => new LocalFileStore(c.dataDir),
    },
  ],
  exports: [FileStore],
})
export class FilesModule {}
