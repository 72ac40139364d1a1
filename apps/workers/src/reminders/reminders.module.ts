import { Module } from '@nestjs/common';
import { ReminderScheduler } from './reminder-scheduler';

/** Reminders before an activity starts, when it is overdue, and a daily digest. */
@Module({ providers: [ReminderScheduler] })
export class RemindersModule {}
