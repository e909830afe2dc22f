/**
 * Flow log files for `s3` destinations, in AWS's key layout (docs: "Flow log files", VPC User Guide):
 *   <bucket>/<prefix>AWSLogs/<account>/vpcflowlogs/<region>/<yyyy>/<mm>/<dd>/[<HH>/]
 *     <account>_vpcflowlogs_<region>_<flow-log-id>_<YYYYMMDDTHHmmZ>_<hash>.log.gz
 * (with Hive-compatible prefixes: AWSLogs/aws-account-id=<account>/aws-service=vpcflowlogs/aws-region=<region>/
 * year=<yyyy>/month=<mm>/day=<dd>/[hour=<HH>/]). A file is gzip'd plain text: a header line of the field names,
 * then one record per line. Buckets are directories under the server's S3 directory (`--s3-dir`).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { S3Location } from './destination.js';

export interface FlowLogFile {
  location: S3Location;
  account: string;
  region: string;
  flowLogId: string;
  hiveCompatible: boolean;
  perHour: boolean;
  /** When the file is delivered; it names the file and its folder. */
  deliveredAt: Date;
  lines: string[];
}

const two = (n: number) => String(n).padStart(2, '0');

/** The object key of a file, inside its bucket. */
export function flowLogObjectKey(file: FlowLogFile, hash: string): string {
  const t = file.deliveredAt;
  const [yyyy, mm, dd, hh] = [String(t.getUTCFullYear()), two(t.getUTCMonth() + 1), two(t.getUTCDate()), two(t.getUTCHours())];
  const folder = file.hiveCompatible
    ? `AWSLogs/aws-account-id=${file.account}/aws-service=vpcflowlogs/aws-region=${file.region}/year=${yyyy}/month=${mm}/day=${dd}/${
        file.perHour ? `hour=${hh}/` : ''
      }`
    : `AWSLogs/${file.account}/vpcflowlogs/${file.region}/${yyyy}/${mm}/${dd}/${file.perHour ? `${hh}/` : ''}`;
  const stamp = `${yyyy}${mm}${dd}T${hh}${two(t.getUTCMinutes())}Z`;
  return `${file.location.prefix}${folder}${file.account}_vpcflowlogs_${file.region}_${file.flowLogId}_${stamp}_${hash}.log.gz`;
}

/** Writes the file under `s3Dir/<bucket>/<key>`; returns its path. */
export async function writeFlowLogFile(s3Dir: string, file: FlowLogFile): Promise<string> {
  const key = flowLogObjectKey(file, randomBytes(4).toString('hex'));
  const path = join(s3Dir, file.location.bucket, ...key.split('/'));
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, gzipSync(`${file.lines.join('\n')}\n`));
  return path;
}
