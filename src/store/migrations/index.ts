/**
 * Numbered schema migrations, in portable SQL. `{{SERIAL}}` is the auto-increment primary key of the engine
 * (creation order: every Describe answers in it and pagination tokens point into it).
 * Never edit a migration that has shipped; add the next number.
 */
import { m001Platform } from './001-platform.js';
import { m002NetworkInterfaces } from './002-network-interfaces.js';
import { m003Instances } from './003-instances.js';
import { m004ElasticIps } from './004-elastic-ips.js';
import { m005FlowLogs } from './005-flow-logs.js';
import { m006NetworkInsights } from './006-network-insights.js';
import { m007FailoverGroups } from './007-failover-groups.js';
import { m008AccountGenerations } from './008-account-generations.js';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const migrations: Migration[] = [
  m001Platform,
  m002NetworkInterfaces,
  m003Instances,
  m004ElasticIps,
  m005FlowLogs,
  m006NetworkInsights,
  m007FailoverGroups,
  m008AccountGenerations,
];
export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
