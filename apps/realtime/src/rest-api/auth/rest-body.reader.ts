import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MAX_CHANNELS_PER_TRIGGER, MAX_CHANNEL_NAME_LENGTH, MAX_EVENTS_PER_BATCH } from '@app/pusher-protocol';
import type { Application, NextFunction, Response } from 'express';
import { AppRegistry } from '../../app-registry/app-registry';
import type { RestRequest } from './rest-request';

/** Room in a body beyond its events' data: names, channels, JSON escaping of quotes in data. */
const BODY_OVERHEAD_BYTES = 64 * 1024 + MAX_CHANNELS_PER_TRIGGER * (MAX_CHANNEL_NAME_LENGTH + 8);

/**
 * Reads the body of every `/apps/...` request as raw bytes into `request.rawBody`, because the
 * signature covers the MD5 of the exact bytes and re-serialized JSON would not match. The largest
 * body accepted follows the app's event size limit (a full batch, doubled for JSON escaping); a
 * bigger one is answered 413 before it is buffered. Unknown apps are left for the guard to answer 404.
 *
 * It is registered on the express instance while the module is constructed, which puts it ahead of
 * the JSON parser Nest installs at init; that parser then finds the body consumed and leaves it.
 */
@Injectable()
export class RestBodyReader {
  constructor(adapterHost: HttpAdapterHost, registry: AppRegistry) {
    const express = adapterHost.httpAdapter?.getInstance<Application>();
    express?.use('/apps/:appId', (request: RestRequest, response: Response, next: NextFunction) => {
      const app = registry.findById(String(request.params.appId));
      const limit = app ? app.maxEventBytes * MAX_EVENTS_PER_BATCH * 2 + BODY_OVERHEAD_BYTES : BODY_OVERHEAD_BYTES;
      readBody(request, response, next, limit);
    });
  }
}

function readBody(request: RestRequest, response: Response, next: NextFunction, limit: number): void {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return tooLarge(request, response, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  let failed = false;
  request.on('data', (chunk: Buffer) => {
    if (failed) return;
    size += chunk.length;
    if (size > limit) {
      failed = true;
      tooLarge(request, response, limit);
      return;
    }
    chunks.push(chunk);
  });
  request.on('end', () => {
    if (failed) return;
    request.rawBody = Buffer.concat(chunks, size);
    // Marks the body as read for any body parser after us.
    (request as { _body?: boolean })._body = true;
    request.body = undefined;
    next();
  });
  request.on('error', (error) => {
    if (!failed) next(error);
    failed = true;
  });
}

function tooLarge(request: RestRequest, response: Response, limit: number): void {
  response
    .status(413)
    .set('Connection', 'close')
    .json({
      error: `Request body is larger than ${String(limit)} bytes, the most this app accepts; send fewer or smaller events`,
      code: 413,
    });
  request.resume();
}
