import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class MatchLimitQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '条数应为1至100的整数' })
  @Min(1, { message: '条数应为1至100的整数' })
  @Max(100, { message: '条数应为1至100的整数' })
  limit?: number;
}
