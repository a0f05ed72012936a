// The cells every grant table shares: case type, authority, level and rights.
import { useT } from '../../../shared/i18n/index.tsx';
import { Badge } from '../../../shared/ui/components.tsx';
import type { Grant } from '../api/types.ts';
import { authorityLabel, levelLabel, rightLabels, scopeTitle } from './labels.ts';

/** Four <td>s: case type (number and title), authority, level, rights. */
export function GrantCells({ grant }: { grant: Grant }) {
  const t = useT();
  const rights = rightLabels(grant, t);
  return (
    <>
      <td>
        <code className="cell-primary">{grant.scope}</code>
        <span className="cell-secondary">{scopeTitle(grant, t)}</span>
      </td>
      <td>{grant.authority === 'municipality' ? authorityLabel(grant.authority, t) : <Badge tone="warning">{authorityLabel(grant.authority, t)}</Badge>}</td>
      <td>
        <Badge tone={grant.level === 'content' ? 'ok' : 'neutral'}>{levelLabel(grant.level, t)}</Badge>
      </td>
      <td>{rights.length > 0 ? rights.join(', ') : <span className="muted">{t('access.right.none')}</span>}</td>
    </>
  );
}
