import { Module } from '@nestjs/common';
import { BlobSweeper } from './blob-sweeper';

/** Removes stored contents no document refers to (left by refused uploads). */
@Module({
  providers: [BlobSweeper],
})
export class BlobSweepModule {}
