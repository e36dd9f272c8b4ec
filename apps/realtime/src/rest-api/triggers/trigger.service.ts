import { Injectable } from '@nestjs/common';
import type { RealtimeApp } from '../../app-registry/realtime-app';
import { ChannelDirectory } from '../../channels/channel-directory';
import { channelAttributes, wantsInfo } from '../channels/info-attributes';
import type { TriggerCommand } from './trigger-command';
import { TriggerIdempotency } from './trigger-idempotency';

/** Channel name → requested attributes. */
export type ChannelsInfo = Record<string, Record<string, number>>;

/**
 * Publishes validated triggers. A command with an idempotency key already used within the window is
 * acknowledged without publishing; when publishing fails the key is released so a retry goes through.
 */
@Injectable()
export class TriggerService {
  constructor(
    private readonly channels: ChannelDirectory,
    private readonly idempotency: TriggerIdempotency,
  ) {}

  /** Publishes one event; resolves to the requested channel attributes, or undefined when none were asked for. */
  async trigger(app: RealtimeApp, command: TriggerCommand): Promise<ChannelsInfo | undefined> {
    await this.publishOnce(app, command);
    return wantsInfo(command.info) ? this.describe(app, command) : undefined;
  }

  /**
   * Publishes the events in order, each once. Resolves to per-item attributes (`{}` for items that asked
   * for none) when any item asked, else undefined.
   */
  async triggerBatch(app: RealtimeApp, commands: TriggerCommand[]): Promise<Record<string, number>[] | undefined> {
    for (const command of commands) await this.publishOnce(app, command);
    if (!commands.some((command) => wantsInfo(command.info))) return undefined;
    return Promise.all(
      commands.map(async (command) => {
        if (!wantsInfo(command.info)) return {};
        const described = await this.describe(app, command);
        return described[command.channels[0]];
      }),
    );
  }

  private async publishOnce(app: RealtimeApp, command: TriggerCommand): Promise<void> {
    const key = command.idempotencyKey;
    if (key !== undefined && !(await this.idempotency.claim(app.id, key))) return;
    try {
      await this.channels.publish(app, {
        channels: command.channels,
        event: command.event,
        data: command.data,
        socketId: command.socketId,
      });
    } catch (error) {
      if (key !== undefined) await this.idempotency.release(app.id, key).catch(() => undefined);
      throw error;
    }
  }

  private async describe(app: RealtimeApp, command: TriggerCommand): Promise<ChannelsInfo> {
    const states = await Promise.all(command.channels.map((channel) => this.channels.channelInfo(app, channel)));
    return Object.fromEntries(command.channels.map((channel, i) => [channel, channelAttributes(channel, states[i], command.info)]));
  }
}
