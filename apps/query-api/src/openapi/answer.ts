import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, type SchemaObject } from '@nestjs/swagger';
import generated from './answer-schemas.json';

export type AnswerName = keyof typeof generated.answers;

/** The schemas the answers refer to, for the document's components. */
export const answerComponents = generated.components as unknown as Record<string, SchemaObject>;

/** A read: its summary and its JSON answer, the schema generated from the controller's type. */
export const Answer = (name: AnswerName, summary: string, description?: string) =>
  applyDecorators(
    ApiOperation({ summary, ...(description ? { description } : {}) }),
    ApiOkResponse({ schema: generated.answers[name] as unknown as SchemaObject }),
  );

/** A read answering a file: PDF, XML or the stored document's own media type. */
export const FileAnswer = (mediaTypes: string[], summary: string, description?: string) =>
  applyDecorators(
    ApiOperation({ summary, ...(description ? { description } : {}) }),
    ApiProduces(...mediaTypes),
    ApiOkResponse({ schema: { type: 'string', format: 'binary' } }),
  );
