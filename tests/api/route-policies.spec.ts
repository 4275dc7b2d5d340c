import { RequestMethod } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { routePolicy } from '../../apps/api/src/common/auth/auth.guard';
import { startTestApp, TestApp } from '../support/test-app';

/** Every route of every controller, with the access policy it declares (or null). */
function allRoutes(app: TestApp) {
  const modules = app.platform.app.get(ModulesContainer);
  const scanner = new MetadataScanner();
  const reflector = app.platform.app.get(Reflector);
  const routes: { route: string; policy: ReturnType<typeof routePolicy> }[] = [];
  const controllers = [...modules.values()].flatMap((m) => [...m.controllers.values()]);
  for (const wrapper of controllers) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prefix = Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string;
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const handler = (instance as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      routes.push({ route: `${method} /${prefix}/${path}`.replace(/\/+/g, '/').replace(/\/$/, ''), policy: routePolicy(reflector, [handler as never, wrapper.metatype as never]) });
    }
  }
  return routes;
}

describe('route access policies', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
  });
  afterAll(() => app.close());

  it('every route of every module (API and worker) declares who may call it', () => {
    const routes = allRoutes(app);
    expect(routes.length).toBeGreaterThan(15);
    const undeclared = routes.filter((r) => r.policy === null).map((r) => r.route);
    expect(undeclared).toEqual([]);
  });

  it('the guard refuses a route that declares no policy', async () => {
    // Reflect on the guard with a handler that has no metadata: it must not be treated as public.
    const reflector = app.platform.app.get(Reflector);
    class NoPolicy {
      handler() {}
    }
    expect(routePolicy(reflector, [NoPolicy.prototype.handler as never, NoPolicy as never])).toBeNull();
  });
});
