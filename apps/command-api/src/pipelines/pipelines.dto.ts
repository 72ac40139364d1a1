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

export class StageDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() stageId?: string;
  @IsText(100) name!: string;
  @ApiPropertyOptional({
    description: 'Days without activity after which a deal in this stage rots',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  rottingDays?: number;
  @ApiPropertyOptional({ description: 'Win probability, percent' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  probability?: number;
}

export class DefinePipelineDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() pipelineId?: string;
  @IsText(100) name!: string;
  @ApiProperty({ type: [StageDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => StageDto)
  stages!: StageDto[];
}
