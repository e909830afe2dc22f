/**
 * The ceiling: a Node HTTP server that reads each request and answers one fixed EC2-shaped XML body. Driven by
 * the same signed keep-alive client, it shows what the client, node:http and this machine allow when the server
 * does no work at all. The body is small and names a VPC so that workload set-up steps run against it too; a
 * DescribeNetworkInterfaces with a `subnet-id` filter gets 100 ENIs instead, about as many bytes as vpclite's
 * answer to the `eni-filter-subnet` workload, since reading 100 KB costs the client far more than 300 bytes.
 * Usage: node dist/bench/trivial-server.js <port>
 */
import { createServer } from 'node:http';

const SMALL =
  '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' +
  '<requestId>00000000-0000-0000-0000-000000000000</requestId><vpcSet><item><vpcId>vpc-00000000000000000</vpcId>' +
  '<state>available</state><cidrBlock>10.0.0.0/16</cidrBlock></item></vpcSet></DescribeVpcsResponse>';

/** One ENI as vpclite renders it (≈1 KB), numbered. */
const eni = (n: number) => {
  const hex = n.toString(16).padStart(17, '0');
  const ip = `10.0.255.${(n % 250) + 4}`;
  const dns = `ip-${ip.replaceAll('.', '-')}.ec2.internal`;
  return (
    `<item><networkInterfaceId>eni-${hex}</networkInterfaceId><subnetId>subnet-00000000000000000</subnetId>` +
    `<vpcId>vpc-00000000000000000</vpcId><availabilityZone>us-east-1a</availabilityZone>` +
    `<availabilityZoneId>use1-az1</availabilityZoneId><description></description><ownerId>100000000001</ownerId>` +
    `<requesterManaged>false</requesterManaged><status>available</status><macAddress>02:00:00:00:00:00</macAddress>` +
    `<privateIpAddress>${ip}</privateIpAddress><privateDnsName>${dns}</privateDnsName>` +
    `<sourceDestCheck>true</sourceDestCheck><groupSet><item><groupId>sg-00000000000000000</groupId>` +
    `<groupName>default</groupName></item></groupSet><privateIpAddressesSet><item>` +
    `<privateIpAddress>${ip}</privateIpAddress><privateDnsName>${dns}</privateDnsName><primary>true</primary>` +
    `</item></privateIpAddressesSet><ipv6AddressesSet/><interfaceType>interface</interfaceType><tagSet/>` +
    `<ipv6Native>false</ipv6Native><operator><managed>false</managed></operator></item>`
  );
};
const HUNDRED_ENIS =
  '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeNetworkInterfacesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' +
  `<requestId>00000000-0000-0000-0000-000000000000</requestId><networkInterfaceSet>${Array.from({ length: 100 }, (_, i) => eni(i)).join('')}` +
  '</networkInterfaceSet></DescribeNetworkInterfacesResponse>';

const headers = (body: string) => ({ 'content-type': 'text/xml;charset=UTF-8', 'content-length': Buffer.byteLength(body) });
const SMALL_HEADERS = headers(SMALL);
const HUNDRED_HEADERS = headers(HUNDRED_ENIS);

const port = Number(process.argv[2]);
const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const form = Buffer.concat(chunks).toString('latin1');
    const hundred = form.includes('Action=DescribeNetworkInterfaces') && form.includes('Filter.1.Name=subnet-id');
    res.writeHead(200, hundred ? HUNDRED_HEADERS : SMALL_HEADERS);
    res.end(hundred ? HUNDRED_ENIS : SMALL);
  });
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`trivial server listening on http://127.0.0.1:${port}\n`));
process.once('SIGTERM', () => process.exit(0));
