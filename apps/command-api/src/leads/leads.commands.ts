import { Command } from '@nestjs/cqrs';
import { type CommandResult } from '../command-handling/command-result';
import {
  type ConvertLeadDto,
  type CreateLeadDto,
  type DisqualifyLeadDto,
  type EraseLeadDto,
  type QualifyLeadDto,
} from './leads.dto';
import { type CommandMeta } from '#commands';

export class CreateLeadCommand extends Command<CommandResult> {
  constructor(
    readonly body: CreateLeadDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
export class QualifyLeadCommand extends Command<CommandResult> {
  constructor(
    readonly leadId: string,
    readonly body: QualifyLeadDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
export class DisqualifyLeadCommand extends Command<CommandResult> {
  constructor(
    readonly leadId: string,
    readonly body: DisqualifyLeadDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
export class EraseLeadCommand extends Command<CommandResult> {
  constructor(
    readonly leadId: string,
    readonly body: EraseLeadDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
export class ConvertLeadCommand extends Command<CommandResult> {
  constructor(
    readonly leadId: string,
    readonly body: ConvertLeadDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}
