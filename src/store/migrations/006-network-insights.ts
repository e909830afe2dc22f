/**
 * 006: Reachability Analyzer paths and analyses (routing-and-traffic.md §5).
 *
 * A path keeps what CreateNetworkInsightsPath was given; the filter members are columns of their own (not one JSON
 * document) because DescribeNetworkInsightsPaths filters on each of them. Port ranges are kept as `from-to` text,
 * the form the `*-port-range` filters take, '' when absent.
 *
 * An analysis is computed when it starts (the model is configuration, not packets) and its result - path found,
 * forward and return components, explanations - is one JSON document: nothing ever queries inside it, and it is
 * read back whole, so a document is the honest shape. `path_found` is a column because the `path-found` filter
 * needs it: 1, 0, or -1 while there is no verdict. Analyses are found by path (DeleteNetworkInsightsPath refuses
 * a path that still has some) through their own index.
 */
import type { Migration } from './index.js';

export const m006NetworkInsights: Migration = {
  version: 6,
  name: 'network-insights',
  statements: [
    `CREATE TABLE network_insights_paths (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL,
      source TEXT NOT NULL, source_arn TEXT NOT NULL, destination TEXT NOT NULL DEFAULT '',
      destination_arn TEXT NOT NULL DEFAULT '', source_ip TEXT NOT NULL DEFAULT '',
      destination_ip TEXT NOT NULL DEFAULT '', protocol TEXT NOT NULL, destination_port INTEGER NOT NULL DEFAULT -1,
      fas_source_address TEXT NOT NULL DEFAULT '', fas_source_port_range TEXT NOT NULL DEFAULT '',
      fas_destination_address TEXT NOT NULL DEFAULT '', fas_destination_port_range TEXT NOT NULL DEFAULT '',
      fad_source_address TEXT NOT NULL DEFAULT '', fad_source_port_range TEXT NOT NULL DEFAULT '',
      fad_destination_address TEXT NOT NULL DEFAULT '', fad_destination_port_range TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL)`,
    `CREATE INDEX network_insights_paths_by_owner ON network_insights_paths (account, region, seq)`,

    `CREATE TABLE network_insights_analyses (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL,
      path_id TEXT NOT NULL, status TEXT NOT NULL, status_message TEXT NOT NULL DEFAULT '',
      path_found INTEGER NOT NULL DEFAULT -1, result TEXT NOT NULL DEFAULT '',
      filter_in_arns TEXT NOT NULL DEFAULT '', filter_out_arns TEXT NOT NULL DEFAULT '',
      additional_accounts TEXT NOT NULL DEFAULT '', start_date TEXT NOT NULL)`,
    `CREATE INDEX network_insights_analyses_by_owner ON network_insights_analyses (account, region, seq)`,
    `CREATE INDEX network_insights_analyses_by_path ON network_insights_analyses (path_id, seq)`,
  ],
};
