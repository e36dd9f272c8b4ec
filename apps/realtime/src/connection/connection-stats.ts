/**
 * Plain counters bumped on the hot path (a field increment, no label lookup); metrics read them
 * when scraped. One instance per process.
 */
export class ConnectionStats {
  messagesIn = 0;
  messagesOut = 0;
  slowConsumersClosed = 0;
}
