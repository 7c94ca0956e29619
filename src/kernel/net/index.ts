// Network address helpers shared by every module that connects to addresses users give it.
export {
  cidrContains,
  classifyAddress,
  classifyIp,
  embeddedV4,
  normalizeIp,
  parseCidr,
  parseIp,
  sameIp,
  type AddressKind,
  type Cidr,
  type Ip,
} from './address.js';
export { systemLookup, type HostLookup, type ResolvedAddress } from './resolve.js';
