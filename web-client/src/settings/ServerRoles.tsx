import { type FormEvent, useState } from 'react';
import { api } from '../api/http';
import { errorText } from '../api/errors';
import type { Role } from '../api/types';
import { colorOf } from '../app/hooks';
import { ConfirmDialog } from '../components/Dialog';
import { P, PERMISSION_LABELS, has, parseBits } from '../store/permissions';
import { store, useStore } from '../store/store';
import { Err, sortedRoles } from './shared';

export function Roles({ serverId }: { serverId: string }) {
  const roles = sortedRoles(useStore((s) => s.roles[serverId]));
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const role = roles.find((r) => r.role_id === selected) ?? null;

  async function create() {
    setError(null);
    try {
      const r = await api<Role>(`/servers/${serverId}/roles`, { method: 'POST', body: { name: 'new role', permissions: '0', color: 0, hoist: false, mentionable: false } });
      store.dispatch({ type: 'ROLE_UPSERT', role: r });
      setSelected(r.role_id);
    } catch (e) {
      setError(errorText(e));
    }
  }
  async function move(r: Role, delta: number) {
    const movable = roles.filter((x) => x.role_id !== serverId);
    const i = movable.findIndex((x) => x.role_id === r.role_id);
    const j = i - delta; // list is highest first
    if (j < 0 || j >= movable.length) return;
    [movable[i], movable[j]] = [movable[j], movable[i]];
    const body = movable.map((x, idx) => ({ id: x.role_id, position: movable.length - idx }));
    try {
      const list = await api<Role[]>(`/servers/${serverId}/roles`, { method: 'PATCH', body });
      (list ?? []).forEach((x) => store.dispatch({ type: 'ROLE_UPSERT', role: x }));
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <div className="split">
      <div>
        <h3>Roles</h3>
        <button type="button" className="btn small" onClick={create}>
          Create role
        </button>
        <ul className="target-list" aria-label="Roles">
          {roles.map((r) => (
            <li key={r.role_id}>
              <button type="button" aria-selected={selected === r.role_id} onClick={() => setSelected(r.role_id)}>
                <span className="role-dot" style={{ background: colorOf(r.color) ?? '#99aab5' }} /> {r.role_id === serverId ? '@everyone' : r.name}
              </button>
            </li>
          ))}
        </ul>
        <Err e={error} />
      </div>
      <div>{role ? <RoleEditor key={role.role_id} role={role} serverId={serverId} onMove={(d) => move(role, d)} onDeleted={() => setSelected(null)} /> : <p className="muted">Pick a role to edit it.</p>}</div>
    </div>
  );
}

function RoleEditor({ role, serverId, onMove, onDeleted }: { role: Role; serverId: string; onMove: (d: number) => void; onDeleted: () => void }) {
  const everyone = role.role_id === serverId;
  const [name, setName] = useState(role.name);
  const [color, setColor] = useState(colorOf(role.color) ?? '#99aab5');
  const [colorTouched, setColorTouched] = useState(false);
  const [hoist, setHoist] = useState(role.hoist);
  const [mentionable, setMentionable] = useState(role.mentionable);
  const [perms, setPerms] = useState(parseBits(role.permissions));
  const [error, setError] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setMsg(null);
    const body: Record<string, unknown> = { permissions: perms.toString() };
    if (!everyone) Object.assign(body, { name: name.trim(), hoist, mentionable });
    if (!everyone && colorTouched) body.color = parseInt(color.slice(1), 16) || 0;
    try {
      const r = await api<Role>(`/servers/${serverId}/roles/${role.role_id}`, { method: 'PATCH', body });
      store.dispatch({ type: 'ROLE_UPSERT', role: r });
      setMsg('Role saved.');
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form className="form" onSubmit={save} aria-label={`Edit role ${everyone ? '@everyone' : role.name}`}>
      <h3>{everyone ? '@everyone' : role.name}</h3>
      {!everyone && (
        <>
          <label htmlFor="role-name">Role name</label>
          <input id="role-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
          <label htmlFor="role-color">Role color</label>
          <input id="role-color" type="color" value={color} onChange={(e) => {
              setColor(e.target.value);
              setColorTouched(true);
            }}
          />
          <div className="toggle-row">
            <label htmlFor="role-hoist">Show members separately</label>
            <input id="role-hoist" type="checkbox" checked={hoist} onChange={(e) => setHoist(e.target.checked)} />
          </div>
          <div className="toggle-row">
            <label htmlFor="role-mentionable">Allow anyone to @mention this role</label>
            <input id="role-mentionable" type="checkbox" checked={mentionable} onChange={(e) => setMentionable(e.target.checked)} />
          </div>
          <div className="row">
            <button type="button" className="btn secondary small" onClick={() => onMove(1)}>
              Move up
            </button>
            <button type="button" className="btn secondary small" onClick={() => onMove(-1)}>
              Move down
            </button>
          </div>
        </>
      )}
      <h3>Permissions</h3>
      {PERMISSION_LABELS.map(([key, label]) => (
        <div className="toggle-row" key={key}>
          <label htmlFor={`perm-${key}`}>{label}</label>
          <input
            id={`perm-${key}`}
            type="checkbox"
            checked={has(perms, P[key])}
            onChange={(e) => setPerms((p) => (e.target.checked ? p | P[key] : p & ~P[key]))}
          />
        </div>
      ))}
      <Err e={error} />
      {msg && (
        <p className="muted" role="status">
          {msg}
        </p>
      )}
      <div className="row">
        <button type="submit" className="btn">
          Save
        </button>
        {!everyone && (
          <button type="button" className="btn danger" onClick={() => setConfirm(true)}>
            Delete role
          </button>
        )}
      </div>
      {confirm && (
        <ConfirmDialog
          label="Delete role"
          text={<p>Delete the role {role.name}?</p>}
          confirm="Delete"
          onClose={() => setConfirm(false)}
          onConfirm={async () => {
            try {
              await api(`/servers/${serverId}/roles/${role.role_id}`, { method: 'DELETE' });
              store.dispatch({ type: 'DISPATCH', t: 'SERVER_ROLE_DELETE', d: { server_id: serverId, role_id: role.role_id } });
              onDeleted();
            } catch (err) {
              setError(errorText(err));
            }
          }}
        />
      )}
    </form>
  );
}

