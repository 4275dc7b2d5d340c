// Module boundaries, checked by ESLint (see docs/ARCHITECTURE.md, "Module boundaries").
//
// A folder of modules (the API's `apps/api/src`, the web's `apps/web/src/features`) holds one module per
// sub-folder. Two rules:
// - `public-face`: code outside a module imports it through its public face (`<module>/index.ts`),
//   never a file inside it. Folders named in `open` are shared kernels whose files anyone may import.
//   A dynamic `import()` is a code-splitting point (a lazily loaded page) and may name the file it loads.
// - `no-folder-cycle`: no import may close a cycle between module folders: if `a` imports `b`, nothing in
//   `b` may (directly or through other modules) import `a`. Spec files are not part of the graph.
const fs = require('node:fs');
const path = require('node:path');

const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;
const SPEC = /\.(spec|test)\.(ts|tsx)$/;
const IMPORT_FROM = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]/g;

function moduleOf(modulesDir, file) {
  const rel = path.relative(modulesDir, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? { name: parts[0], rest: parts.slice(1) } : null;
}

/** The module-level target of a relative import from `file`, or null when it leaves the modules folder. */
function targetOf(modulesDir, file, source) {
  if (!source.startsWith('.')) return null;
  const resolved = path.resolve(path.dirname(file), source);
  const rel = path.relative(modulesDir, resolved);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  return { name: parts[0], rest: parts.slice(1) };
}

const isPublicFace = (rest) => rest.length === 0 || (rest.length === 1 && /^index(\.(ts|tsx|js|mjs))?$/.test(rest[0]));

function resolveModulesDir(context, option) {
  return path.resolve(context.cwd ?? process.cwd(), option);
}

const publicFace = {
  meta: {
    type: 'problem',
    docs: { description: "Import another module only through its public face (its index.ts)." },
    schema: [
      {
        type: 'object',
        properties: { modules: { type: 'string' }, open: { type: 'array', items: { type: 'string' } } },
        required: ['modules'],
        additionalProperties: false,
      },
    ],
    messages: {
      internal: "'{{source}}' reaches inside module '{{module}}': import its public face '{{face}}' (export what you need from {{module}}/index.ts).",
    },
  },
  create(context) {
    const { modules, open = [] } = context.options[0];
    const modulesDir = resolveModulesDir(context, modules);
    const file = context.filename;
    const own = moduleOf(modulesDir, file);
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const target = targetOf(modulesDir, file, source);
      if (!target || target.name === own?.name || open.includes(target.name) || isPublicFace(target.rest)) return;
      const face = path.relative(path.dirname(file), path.join(modulesDir, target.name)).split(path.sep).join('/');
      context.report({ node, messageId: 'internal', data: { source, module: target.name, face: face.startsWith('.') ? face : `./${face}` } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
    };
  },
};

/** Folder graph of one modules folder, built once per lint run from the files on disk. */
const graphs = new Map();
function folderGraph(modulesDir) {
  let graph = graphs.get(modulesDir);
  if (graph) return graph;
  graph = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(p);
      } else if (SOURCE.test(entry.name) && !SPEC.test(entry.name)) {
        const from = moduleOf(modulesDir, p);
        if (!from) continue;
        const text = fs.readFileSync(p, 'utf8');
        for (const m of text.matchAll(IMPORT_FROM)) {
          const to = targetOf(modulesDir, p, m[1] ?? m[2]);
          if (!to || to.name === from.name || to.rest.length === 0 && !fs.existsSync(path.join(modulesDir, to.name))) continue;
          if (!graph.has(from.name)) graph.set(from.name, new Set());
          graph.get(from.name).add(to.name);
        }
      }
    }
  };
  if (fs.existsSync(modulesDir)) walk(modulesDir);
  graphs.set(modulesDir, graph);
  return graph;
}

/** A path of module names from `from` to `to` in the graph, or null. */
function pathBetween(graph, from, to) {
  const previous = new Map([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const at = queue.shift();
    if (at === to) {
      const route = [];
      for (let n = to; n !== null; n = previous.get(n)) route.unshift(n);
      return route;
    }
    for (const next of graph.get(at) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  return null;
}

const noFolderCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'No import may close a cycle between module folders.' },
    schema: [{ type: 'object', properties: { modules: { type: 'string' } }, required: ['modules'], additionalProperties: false }],
    messages: { cycle: "Importing '{{source}}' closes a cycle between folders: {{route}}." },
  },
  create(context) {
    const modulesDir = resolveModulesDir(context, context.options[0].modules);
    const file = context.filename;
    const own = moduleOf(modulesDir, file);
    if (!own || SPEC.test(file)) return {};
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const target = targetOf(modulesDir, file, source);
      if (!target || target.name === own.name) return;
      const back = pathBetween(folderGraph(modulesDir), target.name, own.name);
      if (back) context.report({ node, messageId: 'cycle', data: { source, route: [own.name, ...back].join(' → ') } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

module.exports = {
  meta: { name: 'zj-module-boundaries' },
  rules: { 'public-face': publicFace, 'no-folder-cycle': noFolderCycle },
  /** Module → the modules its non-spec files import, as the cycle rule sees them (docs/MODULES.md draws it). */
  folderGraph,
};
