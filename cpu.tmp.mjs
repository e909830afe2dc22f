import { fork } from 'node:child_process';
import { pino } from 'pino';
import { startServer } from './dist/src/gateway/server.js';
import { openStore } from './dist/src/store/open-store.js';
if (process.argv[2] === 'client') {
  const http = await import('node:http');
  const [url, vpcId, n] = process.argv.slice(3);
  const u = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const body = `Action=DescribeVpcs&Version=2016-11-15&VpcId.1=${vpcId}`;
  const headers = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'content-length': Buffer.byteLength(body), authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'x-amz-date': '20240101T000000Z' };
  let left = Number(n);
  const one = () => new Promise((res) => { const r = http.request({ host: u.hostname, port: u.port, method: 'POST', path: '/', agent, headers }, (resp) => { resp.resume(); resp.on('end', res); }); r.end(body); });
  await Promise.all(Array.from({ length: 8 }, async () => { while (left-- > 0) await one(); }));
  agent.destroy(); process.exit(0);
}
const dir = `/tmp/cpu-${process.pid}`;
const store = openStore({ data: dir });
const logger = pino({ level: 'info', base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: '/dev/null', sync: false, minLength: 4096 }));
const running = await startServer({ host: '127.0.0.1', port: 0, store, auth: { mode: 'any', credentials: new Map() }, logger });
const created = await fetch(running.url, { method: 'POST', body: 'Action=CreateVpc&Version=2016-11-15&CidrBlock=10.0.0.0/16', headers: { 'content-type': 'application/x-www-form-urlencoded' } }).then((r) => r.text());
const vpcId = /<vpcId>(vpc-[0-9a-f]+)/.exec(created)[1];
for (const n of [Number(process.env.N ?? 20000)]) {
  const before = process.cpuUsage();
  await new Promise((res) => fork(new URL(import.meta.url).pathname, ['client', running.url, vpcId, String(n)], { execArgv: [] }).on('exit', res));
  const d = process.cpuUsage(before);
  console.log(n, 'requests: server CPU per request', ((d.user + d.system) / n).toFixed(1), 'µs', 'user', (d.user/n).toFixed(1), 'sys', (d.system/n).toFixed(1));
}
await running.close(); await store.close();
