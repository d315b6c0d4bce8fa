import { keyProviderOfName, looksLikeApiKey } from '../../core/catalog/providers';
import type { Provider } from '../../core/types';

/** The provider and masked form of a value that looks like a real provider key (one without a prefix only under a name that says whose it is). */
export function providerForSecret(value: string, name: string): { provider: Provider; masked: string } | null {
  return looksLikeApiKey(value, keyProviderOfName(name));
}
