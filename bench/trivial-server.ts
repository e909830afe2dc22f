/**
 * The ceiling: a Node HTTP server that reads each request and answers one fixed, small EC2-shaped XML body.
 * Driven by the same signed keep-alive client, it shows what the client, node:http and this machine allow
 * when the server does no work at all. The body names a VPC so that workload set-up steps run against it too.
 * Usage: node dist/bench/trivial-server.js <port>
 */
import { createServer } from 'node:http';

const BODY =
  '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' +
  '<requestId>00000000-0000-0000-0000-000000000000</requestId><vpcSet><item><vpcId>vpc-00000000000000000</vpcId>' +
  '<state>available</state><cidrBlock>10.0.0.0/16</cidrBlock></item></vpcSet></DescribeVpcsResponse>';
const HEADERS = { 'content-type': 'text/xml;charset=UTF-8', 'content-length': Buffer.byteLength(BODY) };

const port = Number(process.argv[2]);
const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, HEADERS);
    res.end(BODY);
  });
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`trivial server listening on http://127.0.0.1:${port}\n`));
process.once('SIGTERM', () => process.exit(0));
