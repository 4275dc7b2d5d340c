import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/policy.decorators';
import { QueueBackend } from '../queue';

type Check = { status: 'up' | 'down'; error?: string };

async function check(fn: () => Promise<unknown>): Promise<Check> {
  try {
    await fn();
    return { status: 'up' };
  } catch (e) {
    return { status: 'down', error: (e as Error).message };
  }
}

@ApiTags('health 健康检查')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: QueueBackend,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '健康检查（公开）：数据库和队列都正常时返回 200，否则 503' })
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, queue] = await Promise.all([check(() => this.dataSource.query('SELECT 1')), check(() => this.queue.ping())]);
    const ok = database.status === 'up' && queue.status === 'up';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', database, queue: { ...queue, backend: this.queue.kind } };
  }
}
