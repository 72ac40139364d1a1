import { type INestApplication, ParseUUIDPipe } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';

// Nest's RouteParamtypes.PARAM: a path parameter.
const PATH_PARAMETER = 5;

type RouteArgument = { index: number; data?: unknown; pipes?: unknown[] };

/**
 * The path parameters each operation checks with ParseUUIDPipe (`uuidParam()`), by the
 * operation id Nest's OpenAPI module gives it (`Controller_method`): the document says they
 * are UUIDs, because the server answers 400 to anything else.
 */
export const uuidPathParameters = (app: INestApplication): Map<string, Set<string>> => {
  const found = new Map<string, Set<string>>();
  for (const module of app.get(ModulesContainer).values())
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new () => object) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) as
          Record<string, RouteArgument> | undefined;
        for (const [key, arg] of Object.entries(args ?? {})) {
          if (Number(key.split(':')[0]) !== PATH_PARAMETER || typeof arg.data !== 'string')
            continue;
          if (!arg.pipes?.some((p) => p instanceof ParseUUIDPipe)) continue;
          const id = `${controller.name}_${method}`;
          found.set(id, (found.get(id) ?? new Set()).add(arg.data));
        }
      }
    }
  return found;
};
