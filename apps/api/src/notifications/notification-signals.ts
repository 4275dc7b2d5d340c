import { EventEmitter } from 'node:events';

/**
 * In-process signals: "the outbox has something" (wakes the relay at once instead of at its next
 * poll) and "these users' inboxes changed" (pushes the live stream at once). Across processes the
 * relay and the stream also poll, so nothing depends on these.
 */
export class NotificationSignals {
  private readonly emitter = new EventEmitter().setMaxListeners(100);

  outboxWritten() {
    this.emitter.emit('outbox');
  }

  onOutbox(fn: () => void): () => void {
    this.emitter.on('outbox', fn);
    return () => this.emitter.off('outbox', fn);
  }

  inboxChanged(userIds: string[]) {
    if (userIds.length) this.emitter.emit('inbox', userIds);
  }

  onInbox(fn: (userIds: string[]) => void): () => void {
    this.emitter.on('inbox', fn);
    return () => this.emitter.off('inbox', fn);
  }
}
