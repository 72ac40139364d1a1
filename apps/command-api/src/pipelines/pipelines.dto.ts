import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsText } from '../command-handling/dto';
import { IsOmittable } from '#platform';

export class StageDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() stageId?: string;
  @IsText(100) name!: string;
  @ApiPropertyOptional({
    description: 'Days without activity after which a deal in this stage rots',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(3650)
  rottingDays?: number;
  @ApiPropertyOptional({ description: 'Win probability, percent' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(100)
  probability?: number;
}

export class DefinePipelineDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() pipelineId?: string;
  @IsText(100) name!: string;
  @ApiProperty({ type: [StageDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => StageDto)
  stages!: StageDto[];
}

export class AddStageDto extends StageDto {
  @ApiPropertyOptional({ description: 'Position (0 = first); default last' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(100)
  index?: number;
}

export class RenamePipelineDto {
  @IsText(100) name!: string;
}

export class RenameStageDto {
  @IsText(100) name!: string;
}

/** `null` clears a setting; an absent one stays. */
export class StageSettingsDto {
  @ApiPropertyOptional({ nullable: true, minimum: 1, maximum: 3650 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  rottingDays?: number | null;
  @ApiPropertyOptional({ nullable: true, minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  probability?: number | null;
}

export class ReorderStagesDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  stageIds!: string[];
}

export class RemoveStageDto {
  @ApiPropertyOptional() @IsOmittable() @IsText(500) reason?: string;
}
