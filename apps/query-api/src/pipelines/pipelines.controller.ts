import { Answer } from '../openapi/answer';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsLimit, uuidParam } from '#platform';
import { type PipelineDoc } from '#read-models';
import { IsInUseFilter, PageQuery } from '../shared/query.dto';
import { businessToday, IsTimeZone } from '../shared/today';
import { PipelinesService } from './pipelines.service';
import { ReportQuery } from '../reports/reports';

export class CardsQuery extends PageQuery {
  @IsTimeZone() tz?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID() ownerId?: string;
}

export class PipelinesQuery {
  @IsInUseFilter('archived') status?: 'active' | 'archived';
}

export class BoardQuery {
  @IsTimeZone() tz?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID() ownerId?: string;

  @IsLimit(20, 200, 'cards per stage') limit?: number;
}

const cardsQuery = (query: CardsQuery | BoardQuery, defaultLimit: number) => {
  const now = new Date();
  return {
    today: businessToday(query.tz, now),
    now,
    limit: query.limit ?? defaultLimit,
    ...(query.ownerId ? { ownerId: query.ownerId } : {}),
    ...('cursor' in query && query.cursor ? { cursor: query.cursor } : {}),
  };
};

/** A pipeline as answered: named by `pipelineId`, like every other read's items. */
type PipelineView = {
  pipelineId: string;
  /** The same as pipelineId, answered since the first version: clients written since read pipelineId. */
  _id: string;
  name: string;
  stages: PipelineDoc['stages'];
  definedAt: string;
  archivedAt: string | null;
};

const pipelineView = (pipeline: PipelineDoc): PipelineView => ({
  pipelineId: pipeline._id,
  _id: pipeline._id,
  name: pipeline.name,
  stages: pipeline.stages,
  definedAt: pipeline.definedAt,
  archivedAt: pipeline.archivedAt ?? null,
});

export class FlowQuery extends ReportQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Only the steps of this member's deals, taken while they owned them",
  })
  @IsOptional()
  @IsUUID()
  ownerId?: string;
}

@ApiTags('pipelines')
@Controller('pipelines')
export class PipelinesController {
  constructor(private readonly pipelines: PipelinesService) {}

  @Answer(
    'PipelineList',
    'Sales pipelines and their stages',
    'Each with its `pipelineId` (also as `_id`, as earlier clients read it) and `archivedAt` (null: in use).',
  )
  @Get()
  async list(@Query() query: PipelinesQuery) {
    return { items: (await this.pipelines.list(query.status)).map(pipelineView) };
  }

  @Answer('PipelineView', 'One sales pipeline and its stages')
  @Get(':id')
  async one(@Param('id', uuidParam()) id: string) {
    return pipelineView(await this.pipelines.pipeline(id));
  }

  @Answer(
    'PipelineBoard',
    'A pipeline board: stages with counts, totals and the first cards by next-action colour',
    'Stages with counts and values, and the first `limit` cards of each.',
  )
  @Get(':id/board')
  board(@Param('id', uuidParam()) id: string, @Query() query: BoardQuery) {
    return this.pipelines.board(id, cardsQuery(query, 20));
  }

  @Answer(
    'PipelineFlowReport',
    'Pipeline flow: how deals came into each stage and left it, this period against the previous',
    "Per stage, in the pipeline's order now (stages removed since follow, marked `removed`): how often a deal came in (opened, moved or reopened into it, moved from another pipeline) and how deals left it — to a later stage (`advanced`, by the stage order at the time), to an earlier one (`movedBack`), won, lost, to another pipeline (`movedOut`) — with the share that went forward or was won (`advanceRate`) and the average days they had spent in it; and the pipeline's deals won and lost with the win rate. With `ownerId`, only what happened to the member's deals while they owned them. Months are the business's (`DEFAULT_TIMEZONE`).",
  )
  @Get(':id/flow')
  flow(@Param('id', uuidParam()) id: string, @Query() query: FlowQuery) {
    return this.pipelines.flow(id, query);
  }

  @Answer(
    'StageCardPage',
    'More cards of one stage of a board',
    "More cards of one stage, from a stage's `nextCursor`.",
  )
  @Get(':id/board/stages/:stageId/cards')
  stageCards(
    @Param('id', uuidParam()) id: string,
    @Param('stageId', uuidParam('stageId')) stageId: string,
    @Query() query: CardsQuery,
  ) {
    return this.pipelines.stageCards(id, stageId, cardsQuery(query, 50));
  }
}
