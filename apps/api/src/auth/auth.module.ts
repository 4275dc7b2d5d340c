import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessTokenVerifier } from '../common/auth/access-token-verifier';
import { AuthGuard } from '../common/auth/auth.guard';
import { SessionCache } from '../common/auth/session-cache';
import { AppConfig } from '../config/app.config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { resolveJwtSecret } from './jwt-secret';
import { AttemptCounter, LoginAddressLimiter, LoginAddressThrottle, LoginRateLimiter } from './login-rate-limiter';
import { RefreshToken } from './refresh-token.entity';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([RefreshToken]),
    JwtModule.registerAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => ({ secret: resolveJwtSecret(config) }) }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    TokenService,
    AccessTokenVerifier,
    SessionCache,
    AttemptCounter,
    LoginRateLimiter,
    LoginAddressThrottle,
    LoginAddressLimiter,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService, SessionCache],
})
export class AuthModule {}
