import { All, Controller, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';
import { RestApiError } from './rest-api.error';
import { RestApiExceptionFilter } from './rest-api.exception-filter';

const ROUTES =
  'POST events, POST batch_events, GET channels, GET channels/{name}, GET channels/{name}/users, POST users/{id}/terminate_connections';

/** Answers any other `/apps/{id}/...` request with 404 in the REST API's error shape, naming the routes there are. */
@Controller('apps/:appId')
@UseFilters(RestApiExceptionFilter)
export class UnknownRouteController {
  @All('*path')
  unknown(@Req() request: Request): never {
    throw new RestApiError(404, `No such REST API route: ${request.method} ${request.path}. Under /apps/{id}/ there are ${ROUTES}`);
  }
}
