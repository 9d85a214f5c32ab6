import { useEffect, useState } from 'react';
import { api } from '../api/http';
import { errorText } from '../api/errors';
import type { Role } from '../api/types';

export function Err({ e }: { e: string | null }) {
  return e ? (
    <p className="form-error" role="alert">
      {e}
    </p>
  ) : null;
}

export function sortedRoles(roles: Record<string, Role> | undefined): Role[] {
  return Object.values(roles ?? {}).sort((a, b) => b.position - a.position);
}

export function useList<T>(path: string): [T[] | null, string | null, () => void] {
  const [list, setList] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    api<T[]>(path)
      .then(setList)
      .catch((e) => setError(errorText(e)));
  }, [path, n]);
  return [list, error, () => setN((x) => x + 1)];
}

