import { looksLikeApiKey } from '../../core/catalog/providers';
import type { Provider } from '../../core/types';

/** The provider and masked form of a value that looks like a real provider key. */
export function providerForSecret(value: string): { provider: Provider; masked: string } | null {
  return looksLikeApiKey(value);
}
