import { Module } from '@nestjs/common';
import { CampaignDispatcher } from './campaign-dispatcher';

/** Mails started campaigns to their segments at the configured pace. */
@Module({ providers: [CampaignDispatcher] })
export class CampaignsModule {}
