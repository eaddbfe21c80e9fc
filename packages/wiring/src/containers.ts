import { Container, type ContainerModule } from 'inversify';

export type { Container, ContainerModule } from 'inversify';

/** The app's root container (shared services: clock, logger); every binding is a singleton (style-anchors 4.4.6). */
export function createAppContainer(modules: readonly ContainerModule[]): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(...modules);
  return container;
}

/**
 * One station's own container: a child of the app's, so each of several stations in one process gets its own
 * settings, stores, transport, hardware and host while sharing the clock and the logger.
 */
export function createStationContainer(parent: Container, modules: readonly ContainerModule[]): Container {
  const container = new Container({ parent, defaultScope: 'Singleton' });
  container.load(...modules);
  return container;
}
