import { isIP } from 'node:net';

/**
 * Which addresses an organisation's webhook or 企业微信 robot may reach. Any signed-in user registers
 * these URLs, so without a check the platform could be made to post into its own network (SSRF):
 * loopback, the cloud metadata service at 169.254.169.254, private ranges. Pure logic; the HTTP side
 * (resolving, connecting to the checked address) is in outbound-http.ts.
 */

export type AddressClass = 'loopback' | 'private' | 'link-local' | 'multicast' | 'unspecified' | 'reserved';

export const ADDRESS_CLASS_LABELS: Record<AddressClass, string> = {
  loopback: '本机回环地址',
  private: '内网地址',
  'link-local': '链路本地地址',
  multicast: '组播地址',
  unspecified: '未指定地址',
  reserved: '保留地址',
};

interface Ip {
  v: 4 | 6;
  n: bigint;
}

function parseV4(s: string): bigint | null {
  if (isIP(s) !== 4) return null;
  return s.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function parseV6(s: string): bigint | null {
  const text = s.replace(/%.*$/, ''); // zone id (fe80::1%eth0)
  if (isIP(text) !== 6) return null;
  let groups = text.toLowerCase();
  // A trailing dotted IPv4 part becomes two hextets.
  const dotted = groups.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const v4 = parseV4(dotted[2]);
    if (v4 === null) return null;
    groups = `${dotted[1]}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = groups.includes('::') ? groups.split('::') : [groups, undefined];
  const h = head ? head.split(':') : [];
  const t = tail === undefined ? [] : tail ? tail.split(':') : [];
  const all = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  if (all.length !== 8) return null;
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function parseIp(s: string): Ip | null {
  const text = s.replace(/^\[|\]$/g, '');
  const v4 = parseV4(text);
  if (v4 !== null) return { v: 4, n: v4 };
  const v6 = parseV6(text);
  return v6 === null ? null : { v: 6, n: v6 };
}

interface Range {
  v: 4 | 6;
  base: bigint;
  bits: number;
}

const width = (v: 4 | 6) => (v === 4 ? 32 : 128);

function inRange(ip: Ip, r: Range): boolean {
  if (ip.v !== r.v) return false;
  const shift = BigInt(width(r.v) - r.bits);
  return ip.n >> shift === r.base >> shift;
}

function range(cidr: string): Range {
  const [addr, bits] = cidr.split('/');
  const ip = parseIp(addr);
  if (!ip) throw new Error(`not an IP range: ${cidr}`);
  return { v: ip.v, base: ip.n, bits: Number(bits) };
}

const V4_RANGES: [string, AddressClass][] = [
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'private'], // carrier-grade NAT
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'reserved'],
  ['192.88.99.0/24', 'reserved'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'],
  ['198.51.100.0/24', 'reserved'],
  ['203.0.113.0/24', 'reserved'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'], // and 255.255.255.255
];

const V6_RANGES: [string, AddressClass][] = [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['100::/64', 'reserved'], // discard
  ['64:ff9b:1::/48', 'private'], // local-use NAT64
  ['2001::/32', 'reserved'], // Teredo (the IPv4 inside is obscured)
  ['2001:db8::/32', 'reserved'],
  ['fc00::/7', 'private'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'reserved'], // former site-local
  ['ff00::/8', 'multicast'],
];

const V4 = V4_RANGES.map(([c, cls]) => ({ r: range(c), cls }));
const V6 = V6_RANGES.map(([c, cls]) => ({ r: range(c), cls }));

/** An IPv4 address carried inside an IPv6 one (mapped, compatible, NAT64, 6to4), or null. */
function embeddedV4(n: bigint): bigint | null {
  const low32 = n & 0xffffffffn;
  if (n >> 32n === 0xffffn) return low32; // ::ffff:a.b.c.d
  if (n >> 32n === 0n && n > 1n) return low32; // ::a.b.c.d (deprecated "compatible")
  if (n >> 32n === 0x64ff9b0000000000000000n) return low32; // 64:ff9b::a.b.c.d (NAT64)
  if (n >> 112n === 0x2002n) return (n >> 80n) & 0xffffffffn; // 2002:aabb:ccdd::/48 (6to4)
  return null;
}

/**
 * The class of address a webhook may not reach, or null for a public one. IPv4 addresses wrapped in
 * IPv6 are judged by the IPv4 inside. Anything that is not an IP address answers 'reserved'.
 */
export function forbiddenClass(address: string): AddressClass | null {
  const ip = parseIp(address);
  if (!ip) return 'reserved';
  if (ip.v === 6) {
    const v4 = embeddedV4(ip.n);
    if (v4 !== null) return forbiddenClass4(v4);
    return V6.find((x) => inRange(ip, x.r))?.cls ?? null;
  }
  return forbiddenClass4(ip.n);
}

function forbiddenClass4(n: bigint): AddressClass | null {
  return V4.find((x) => inRange({ v: 4, n }, x.r))?.cls ?? null;
}

/** What WEBHOOK_ALLOWED_HOSTS names: host names (exact, or `*.suffix` for the names under it), addresses and ranges. */
export interface AllowList {
  hosts: Set<string>;
  suffixes: string[];
  ranges: Range[];
}

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

const normaliseHost = (h: string) => h.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');

/** Parses the comma- (or space-) separated allow-list; a malformed entry throws, naming it. */
export function parseAllowList(spec: string): AllowList {
  const list: AllowList = { hosts: new Set(), suffixes: [], ranges: [] };
  for (const raw of spec.split(/[\s,]+/).filter(Boolean)) {
    const entry = raw.trim();
    const bad = () => new Error(`WEBHOOK_ALLOWED_HOSTS: "${entry}" is not a host name, an IP address or a CIDR range`);
    if (entry.includes('/')) {
      const [addr, bitsText] = entry.split('/');
      const ip = parseIp(addr);
      const bits = Number(bitsText);
      if (!ip || !/^\d{1,3}$/.test(bitsText) || bits > width(ip.v)) throw bad();
      list.ranges.push({ v: ip.v, base: ip.n, bits });
      continue;
    }
    const ip = parseIp(entry);
    if (ip) {
      list.ranges.push({ v: ip.v, base: ip.n, bits: width(ip.v) });
      continue;
    }
    const host = normaliseHost(entry);
    if (host.startsWith('*.') && HOST_NAME.test(host.slice(2))) list.suffixes.push(host.slice(1));
    else if (HOST_NAME.test(host) && !/^[\d.]+$/.test(host)) list.hosts.add(host);
    else throw bad();
  }
  return list;
}

/** Whether the allow-list lets `host` (as written in the URL), resolved to `address`, through. */
export function isAllowed(list: AllowList, host: string, address: string): boolean {
  const h = normaliseHost(host);
  if (list.hosts.has(h) || list.suffixes.some((s) => h.endsWith(s))) return true;
  let ip = parseIp(address);
  if (!ip) return false;
  // ::ffff:a.b.c.d is a.b.c.d.
  if (ip.v === 6 && ip.n >> 32n === 0xffffn) ip = { v: 4, n: ip.n & 0xffffffffn };
  const addr = ip;
  return list.ranges.some((r) => inRange(addr, r));
}
