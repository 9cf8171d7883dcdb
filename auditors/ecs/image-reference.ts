/**
 * Container image references (as Docker reads them) and the registry patterns
 * the trusted-registries check matches them against.
 */

export interface ImageReference {
  /** The registry host, lower-cased, with its port when one is given; "docker.io" for Docker Hub. */
  registry: string;
  /** The repository path inside the registry ("library/nginx", "team/app"). */
  repository: string;
  tag?: string;
  digest?: string;
}

const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ALIASES = new Set([DOCKER_HUB, 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * Splits an image reference into registry, repository, tag and digest.
 * The first path component names a registry only when it looks like a host
 * (has a dot or a port, is "localhost", or has upper-case letters), as
 * Docker decides; otherwise the image is on Docker Hub, and a one-component
 * name is an official image under "library/". Undefined when unparseable.
 */
export function parseImageReference(image: string): ImageReference | undefined {
  const text = image.trim();
  if (text === '' || /\s/.test(text)) return undefined;
  const at = text.indexOf('@');
  const digest = at >= 0 ? text.slice(at + 1) : undefined;
  let name = at >= 0 ? text.slice(0, at) : text;
  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  if (name === '' || name.startsWith('/') || name.endsWith('/') || name.includes('//')) return undefined;
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const isHost = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  const host = isHost ? first.toLowerCase() : DOCKER_HUB;
  const registry = DOCKER_HUB_ALIASES.has(host) ? DOCKER_HUB : host;
  let repository = isHost ? name.slice(slash + 1) : name;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  return { registry, repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** Stands for the scanned account's id in a registry pattern. */
export const ACCOUNT_TOKEN = '{account}';

export interface RegistryPattern {
  /** The pattern as configured, with the account id filled in. */
  text: string;
  host: RegExp;
  /** The pattern names a port: compare host:port; otherwise any port of the host matches. */
  withPort: boolean;
  /** Leading repository path components the image must start with. */
  path: RegExp[];
}

function glob(text: string, wildcard: string): RegExp {
  const body = text
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join(wildcard);
  return new RegExp(`^${body}$`);
}

/**
 * Compiles `host[:port][/path-prefix]`. `*` stands for part or all of one DNS
 * label (in the host) or of one path component (in the path), never for a
 * dot or a slash, so `{account}.dkr.ecr.*.amazonaws.com` matches any region
 * and nothing else.
 */
export function compileRegistryPattern(pattern: string, accountId: string): RegistryPattern {
  const text = pattern.trim().toLowerCase().split(ACCOUNT_TOKEN).join(accountId);
  const slash = text.indexOf('/');
  const hostText = slash >= 0 ? text.slice(0, slash) : text;
  const host = DOCKER_HUB_ALIASES.has(hostText) ? DOCKER_HUB : hostText;
  const pathText = slash >= 0 ? text.slice(slash + 1) : '';
  return {
    text,
    host: glob(host, '[^.:/]*'),
    withPort: host.includes(':'),
    path: pathText
      .split('/')
      .filter((part) => part !== '')
      .map((part) => glob(part, '[^/]*')),
  };
}

export function matchesRegistry(image: ImageReference, pattern: RegistryPattern): boolean {
  const host = pattern.withPort ? image.registry : image.registry.replace(/:\d+$/, '');
  if (!pattern.host.test(host)) return false;
  const components = image.repository.toLowerCase().split('/');
  if (pattern.path.length > components.length) return false;
  return pattern.path.every((part, index) => part.test(components[index] ?? ''));
}
