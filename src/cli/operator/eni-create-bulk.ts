import type { Command } from 'commander';

export function registerBulkCreateCommand(_program: Command): void {}
