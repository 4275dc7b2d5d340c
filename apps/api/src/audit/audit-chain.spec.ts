import { canonicalJson, chainHash, ChainRow, findBrokenLink, GENESIS_HASH } from './audit-chain';

function buildChain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields = {
      seq: String(i),
      at: new Date(Date.UTC(2026, 0, i)).toISOString(),
      actorUserId: null,
      actorEmail: 'a@example.cn',
      actorOrgId: null,
      action: 'project.update',
      entityType: 'project',
      entityId: String(i),
      before: { amount: '100.00', tags: ['红树林'] },
      after: { amount: String(100 + i) + '.00', tags: ['红树林'] },
      requestId: null,
    };
    const hash = chainHash(prev, fields);
    rows.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('orders keys so equal values hash equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('accepts an untouched chain', () => {
    expect(findBrokenLink(buildChain(20), GENESIS_HASH, 0n).brokenAt).toBeNull();
  });

  it('finds an edited row', () => {
    const rows = buildChain(20);
    rows[7] = { ...rows[7], after: { amount: '999999.00', tags: ['红树林'] } };
    expect(findBrokenLink(rows, GENESIS_HASH, 0n).brokenAt).toBe('8');
  });

  it('finds a removed row', () => {
    const rows = buildChain(20);
    rows.splice(12, 1);
    expect(findBrokenLink(rows, GENESIS_HASH, 0n).brokenAt).toBe('14');
  });

  it('finds a row whose hash was recomputed after an edit (the next link no longer matches)', () => {
    const rows = buildChain(5);
    const { prevHash, hash: _old, ...fields } = rows[2];
    const edited = { ...fields, action: 'project.delete' };
    rows[2] = { ...edited, prevHash, hash: chainHash(prevHash, edited) };
    expect(findBrokenLink(rows, GENESIS_HASH, 0n).brokenAt).toBe('4');
  });
});
