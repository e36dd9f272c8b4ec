/**
 * Payload of a `messages` job. The message itself lives in Postgres; the job carries its id
 * (which is also the job id) plus what delivery needs, so the worker can trigger without a read.
 */
export interface DeliverMessageJobData {
  messageId: string;
  appId: string;
  channels: string[];
  event: string;
  /** The exact data string given by the caller. */
  data: string;
  socketId?: string;
}
