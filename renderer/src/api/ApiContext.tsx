import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { EventHub } from '../events/EventHub';
import type { ApiClient } from './ApiClient';

export interface Services {
  api: ApiClient;
  events: EventHub;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

function useServices(): Services {
  const services = useContext(ServicesContext);
  if (services === null) throw new Error('ServicesProvider is missing above this component');
  return services;
}

export function useApi(): ApiClient {
  return useServices().api;
}

export function useEventHub(): EventHub {
  return useServices().events;
}
