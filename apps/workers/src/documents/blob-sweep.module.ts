import { Module } from '@nestjs/common';
import { type BlobStore, FsBlobStore, readConfig } from '#platform';
import { BLOB_STORE } from './blob-store';
import { BlobSweeper } from './blob-sweeper';

/** Removes stored contents no document refers to (left by refused uploads). */
@Module({
  providers: [
    {
      provide: BLOB_STORE,
      useFactory: (): BlobStore => new FsBlobStore(readConfig().blobStorePath),
    },
    BlobSweeper,
  ],
})
export class BlobSweepModule {}
