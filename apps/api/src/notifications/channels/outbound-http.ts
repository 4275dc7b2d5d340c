import { Inject, Injectable } from '@nestjs/common';
import dns, { LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { AppConfig } from '../../config';
import { PermanentDeliveryError } from './channel-sender';
import { ADDRESS_CLASS_LABELS, AddressClass, AllowList, forbiddenClass, isAllowed, parseAllowList } from './outbound-address';

/** Most of a receiver's answer kept (for the error message and the robot's errcode). */
const MAX_ANSWER_BYTES = 64 * 1024;

/** The address is, or resolves to, one a webhook may not reach: refused for good (400 at registration, a dead letter at delivery). */
export class ForbiddenAddressError extends PermanentDeliveryError {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly addressClass: AddressClass | 'invalid',
  ) {
    const what = addressClass === 'invalid' ? '地址格式无效' : `${host === address ? address : `${host} 解析为 ${address}`}（${ADDRESS_CLASS_LABELS[addressClass]}）`;
    super(`推送地址 ${what}，不在允许范围内，已拒绝发送`);
  }

  /** For the person registering the address. */
  get userMessage(): string {
    if (this.addressClass === 'invalid') return '地址格式无效';
    return `${this.host === this.address ? this.address : `${this.host} 解析为 ${this.address}`}，属于${ADDRESS_CLASS_LABELS[this.addressClass]}，不允许推送`;
  }
}

/** The host name could not be resolved (now): a delivery is retried, a registration accepted (each delivery checks again). */
export class UnresolvedAddressError extends Error {
  constructor(readonly host: string, code: string | undefined) {
    super(`无法解析推送地址 ${host}（${code ?? 'no address'}）`);
  }
}

interface CheckedTarget {
  url: URL;
  /** The host as written (no brackets, lower case). */
  host: string;
  /** Every address it resolved to, each checked. */
  addresses: LookupAddress[];
}

/**
 * A `lookup` for the HTTP agent that answers only the addresses already checked: the connection goes
 * to what was checked, never to what a second DNS answer (a rebinding attack) would say.
 */
function pinnedLookup(addresses: LookupAddress[]) {
  return (hostname: string, options: dns.LookupOptions | number | undefined, callback: (...a: unknown[]) => void) => {
    const opts: dns.LookupOptions = typeof options === 'object' && options ? options : { family: typeof options === 'number' ? options : undefined };
    const family = opts.family === 4 || opts.family === 'IPv4' ? 4 : opts.family === 6 || opts.family === 'IPv6' ? 6 : 0;
    const list = family ? addresses.filter((a) => a.family === family) : addresses;
    process.nextTick(() => {
      if (!list.length) return callback(Object.assign(new Error(`no checked IPv${family} address for ${hostname}`), { code: 'ENOTFOUND' }));
      if (opts.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/**
 * HTTP to addresses that users register (webhooks, 企业微信 robots). Every request resolves the host,
 * refuses it if any address is loopback, private, link-local, multicast, unspecified or reserved
 * (IPv4-mapped IPv6 forms included) unless WEBHOOK_ALLOWED_HOSTS names it, and then connects to
 * exactly the addresses it checked. Redirects are not followed; connecting and the whole request have
 * short time-outs; a fresh connection per request (no pooled socket to some earlier address).
 */
@Injectable()
export class OutboundHttp {
  private readonly allow: AllowList;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    this.allow = parseAllowList(config.WEBHOOK_ALLOWED_HOSTS);
  }

  /** Resolves and checks a URL's host. Throws ForbiddenAddressError or UnresolvedAddressError. */
  async resolve(rawUrl: string): Promise<CheckedTarget> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new ForbiddenAddressError(rawUrl, rawUrl, 'invalid');
    }
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !host) throw new ForbiddenAddressError(host, host, 'invalid');
    let addresses: LookupAddress[];
    if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
    else if (host === 'localhost' || host.endsWith('.localhost')) addresses = [{ address: '127.0.0.1', family: 4 }];
    else addresses = await this.lookup(host);
    for (const a of addresses) {
      if (isAllowed(this.allow, host, a.address)) continue;
      const cls = forbiddenClass(a.address);
      if (cls) throw new ForbiddenAddressError(host, a.address, cls);
    }
    return { url, host, addresses };
  }

  /**
   * For registration: null when the address may be used, else why not (for the person registering).
   * A name that does not resolve now is accepted: each delivery resolves and checks it again.
   */
  async problemWith(rawUrl: string): Promise<string | null> {
    try {
      await this.resolve(rawUrl);
      return null;
    } catch (e) {
      if (e instanceof ForbiddenAddressError) return e.userMessage;
      if (e instanceof UnresolvedAddressError) return null;
      throw e;
    }
  }

  /** POSTs JSON to a checked address; a non-2xx answer (a redirect included) is an error carrying status and a little of the body. */
  async postJson(rawUrl: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
    const { url, host, addresses } = await this.resolve(rawUrl);
    const client = url.protocol === 'https:' ? https : http;
    const connectMs = this.config.WEBHOOK_CONNECT_TIMEOUT_MS;
    const totalMs = this.config.WEBHOOK_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      let settled = false;
      let connectTimer: NodeJS.Timeout | undefined;
      const finish = (e: Error | null, v?: { status: number; text: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(totalTimer);
        clearTimeout(connectTimer);
        if (e) reject(e);
        else resolve(v!);
      };
      const req = client.request(
        {
          protocol: url.protocol,
          hostname: host,
          port: url.port ? Number(url.port) : undefined,
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          auth: url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
          headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), ...headers },
          agent: false,
          lookup: pinnedLookup(addresses) as unknown as typeof dns.lookup,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            if (size >= MAX_ANSWER_BYTES) return;
            chunks.push(c);
            size += c.length;
          });
          res.on('error', (e) => finish(e));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString('utf8');
            if (status >= 300 && status < 400) return finish(new Error(`HTTP ${status}：推送地址要求重定向（${String(res.headers.location ?? '').slice(0, 200)}），不跟随重定向`));
            if (status < 200 || status >= 300) return finish(new Error(`HTTP ${status}: ${text.slice(0, 200)}`));
            finish(null, { status, text });
          });
        },
      );
      const totalTimer = setTimeout(() => req.destroy(new Error(`请求超时：${totalMs} ms 内未完成`)), totalMs);
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(() => req.destroy(new Error(`连接超时：${connectMs} ms 内未能连上 ${host}`)), connectMs);
        socket.once('connect', () => clearTimeout(connectTimer));
      });
      req.on('error', (e) => finish(e));
      req.end(body);
    });
  }

  private lookup(host: string): Promise<LookupAddress[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new UnresolvedAddressError(host, 'ETIMEOUT')), this.config.WEBHOOK_CONNECT_TIMEOUT_MS);
      dns.lookup(host, { all: true, verbatim: true }, (err, addresses) => {
        clearTimeout(timer);
        if (err || !addresses?.length) reject(new UnresolvedAddressError(host, err?.code));
        else resolve(addresses);
      });
    });
  }
}
