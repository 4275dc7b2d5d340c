import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrgType, Role } from '@zj/shared';
import { DataSource } from 'typeorm';
import { AppException } from '../errors/app.exception';
import type { Actor } from './actor';

export interface AccessTokenClaims {
  sub: string;
  /** Token version: bumped by a password change or a disable, which ends every session at once. */
  tv: number;
}

/** Verifies a bearer token and loads the caller fresh (a disabled user or changed role counts at once). */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async verify(token: string): Promise<Actor> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw AppException.unauthenticated('登录已过期，请重新登录', 'AUTH_INVALID_ACCESS_TOKEN');
    }
    const [row] = await this.dataSource.query(
      `SELECT u.id, u.email, u.role, u.status, u.token_version, u.organization_id, o.type AS org_type
         FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1`,
      [claims.sub],
    );
    if (!row || row.status !== 'ACTIVE' || row.token_version !== claims.tv) {
      throw AppException.unauthenticated('登录已失效，请重新登录', 'AUTH_INVALID_ACCESS_TOKEN');
    }
    return {
      userId: row.id,
      email: row.email,
      role: row.role as Role,
      organizationId: row.organization_id,
      organizationType: row.org_type as OrgType,
    };
  }
}
