import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { problem, uuidParam } from '#platform';
import { type BankStatementDoc, collections } from '#read-models';
import { type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

export class BankStatementsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true'], description: 'Only statements with lines to review' })
  @IsOptional()
  @IsIn(['true'])
  open?: string;
}

@ApiTags('bank-statements')
@Controller('bank-statements')
export class BankStatementsController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  @Answer(
    'BankStatementPage',
    'Imported bank statements',
    'Imported statements, newest first, with how many lines were matched and how many wait.',
  )
  @Get()
  async list(@Query() query: BankStatementsQuery) {
    const page = await this.store.find<BankStatementDoc>(
      collections.bankStatements,
      query.open ? { open: { $gt: 0 } } : {},
      pageOptions(query, [['importedAt', -1]]),
    );
    return {
      items: page.items.map(({ _id, lines: _l, _position: _p, ...s }) => ({
        statementId: _id,
        ...s,
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Answer(
    'BankStatementView',
    'One bank statement with its entries and how each was matched',
    'One statement with every line: matched, assigned, or unmatched and ambiguous for review.',
  )
  @Get(':id')
  async one(@Param('id', uuidParam()) id: string) {
    const doc = await this.store.get<BankStatementDoc>(collections.bankStatements, id);
    if (!doc)
      throw problem(
        404,
        'bank-statement-not-found',
        'Not found',
        `bank statement ${id} does not exist`,
      );
    const { _id, _position: _p, ...statement } = doc;
    return { statementId: _id, ...statement };
  }
}
