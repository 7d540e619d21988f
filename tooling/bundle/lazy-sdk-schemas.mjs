// An esbuild plugin for the MCP bundle: the protocol SDK's types module builds some 200 zod
// schemas when it loads, and building them was the largest share of the time a host waits for
// the server's `initialize` answer (SPEC §10), while a session uses a few dozen. Each schema
// the module declares with a call (`z.object(…)`, `Base.extend(…)`) is built on its first use
// instead, behind a proxy that forwards every operation to it.
import { readFile } from "node:fs/promises";
import { parse } from "acorn";

const TYPES = /@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]types\.js$/;

// zod's methods are closures over their instance, so calls through the proxy act on the
// schema itself; the proxy's target is never used, so it reports nothing as non-configurable.
const LAZY = `function __lazySchema(build) {
  let built;
  const schema = () => (built ??= build());
  return new Proxy({}, {
    get: (_, key) => Reflect.get(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    has: (_, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_, key) => {
      const found = Reflect.getOwnPropertyDescriptor(schema(), key);
      return found && { ...found, configurable: true };
    },
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
`;

/** The source with every top-level `const X = <call>` built on first use. */
export function lazySchemas(source) {
  const calls = [];
  for (const statement of parse(source, { ecmaVersion: "latest", sourceType: "module" }).body) {
    const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
    if (declaration?.type !== "VariableDeclaration" || declaration.kind !== "const") continue;
    for (const { init } of declaration.declarations) if (init?.type === "CallExpression") calls.push(init);
  }
  let out = source;
  for (const call of calls.reverse()) out = `${out.slice(0, call.start)}__lazySchema(() => ${out.slice(call.start, call.end)})${out.slice(call.end)}`;
  return { contents: LAZY + out, count: calls.length };
}

export const lazySdkSchemas = {
  name: "lazy-sdk-schemas",
  setup(bundle) {
    let count = 0;
    bundle.onLoad({ filter: TYPES }, async (args) => {
      const lazy = lazySchemas(await readFile(args.path, "utf8"));
      count += lazy.count;
      return { contents: lazy.contents, loader: "js" };
    });
    // An SDK that moved or reshaped its types module would silently cost the start-up again.
    bundle.onEnd((result) => {
      if (result.errors.length === 0 && count < 100) throw new Error(`lazy-sdk-schemas: made ${count} SDK schemas lazy; has the SDK's types module changed?`);
    });
  },
};
