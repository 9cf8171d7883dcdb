/** How clients authenticate to an MSK cluster, read from its ClientAuthentication settings. Pure. */
import type { ClientAuthentication, ServerlessClientAuthentication } from '@aws-sdk/client-kafka';

export interface ClientAuthenticationState {
  /** The mechanisms turned on: IAM, SASL/SCRAM, mutual TLS with the listed private CAs. */
  mechanisms: Array<'IAM' | 'SASL/SCRAM' | 'mutual TLS'>;
  certificateAuthorities: string[];
  /** Unauthenticated access turned on explicitly. */
  unauthenticated: boolean;
}

export function clientAuthentication(settings: ClientAuthentication | ServerlessClientAuthentication | undefined): ClientAuthenticationState {
  const full: ClientAuthentication = settings ?? {};
  const mechanisms: ClientAuthenticationState['mechanisms'] = [];
  if (full.Sasl?.Iam?.Enabled === true) mechanisms.push('IAM');
  if (full.Sasl?.Scram?.Enabled === true) mechanisms.push('SASL/SCRAM');
  const certificateAuthorities = full.Tls?.CertificateAuthorityArnList ?? [];
  // Older answers carry only the CA list; Enabled came later.
  if (full.Tls && full.Tls.Enabled !== false && certificateAuthorities.length > 0) mechanisms.push('mutual TLS');
  return { mechanisms, certificateAuthorities, unauthenticated: full.Unauthenticated?.Enabled === true };
}
