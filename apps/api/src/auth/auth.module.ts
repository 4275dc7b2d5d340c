import { Global, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessTokenVerifier } from '../common/auth/access-token-verifier';
import { AuthGuard } from '../common/auth/auth.guard';
import { SessionCache } from '../common/auth/session-cache';
import { AppConfig, resolveJwtSecret } from '../config';
import { SESSION_REVOKER } from '../users';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AttemptCounter, LoginAddressLimiter, LoginAddressThrottle, LoginRateLimiter } from './login-rate-limiter';
import { RefreshToken } from './refresh-token.entity';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([RefreshToken]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        // One key object for the process. Given the secret as text, jsonwebtoken first tries to read it
        // as a PEM public (verify) or private (sign) key, failing with an exception on every request,
        // before using it as the HMAC secret: about a sixth of the API's CPU under load (issue 16).
        const key = createSecretKey(Buffer.from(resolveJwtSecret(config), 'utf8'));
        return { secretOrKeyProvider: () => key };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    TokenService,
    // Users end a user's sessions through it (users/session-revoker.ts), without importing auth.
    { provide: SESSION_REVOKER, useExisting: TokenService },
    AccessTokenVerifier,
    SessionCache,
    AttemptCounter,
    LoginRateLimiter,
    LoginAddressThrottle,
    LoginAddressLimiter,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService, SESSION_REVOKER, SessionCache],
})
export class AuthModule {}
