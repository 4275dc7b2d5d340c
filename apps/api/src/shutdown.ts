import { Logger } from '@nestjs/common';

/** On SIGINT/SIGTERM: finish in-flight work through `close`, then exit; a second signal exits at once. */
export function closeOnSignals(close: () => Promise<void>, timeoutMs = 15_000) {
  const logger = new Logger('Shutdown');
  let closing = false;
  const onSignal = (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    logger.log({ msg: 'shutting down', signal });
    const timer = setTimeout(() => {
      logger.error({ msg: 'shutdown timed out', timeoutMs });
      process.exit(1);
    }, timeoutMs);
    close()
      .then(() => process.exit(0))
      .catch((e) => {
        logger.error({ msg: 'shutdown failed', error: (e as Error).message });
        process.exit(1);
      })
      .finally(() => clearTimeout(timer));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
