import { KINDS } from '../model/kinds.js';
import { isList, isObject, type JsonRecord } from '../util/index.js';

/** The default environment variable of a parameter: EB_INPUT_<NAME> or EB_OUTPUT_<NAME>. */
export function defaultEnv(role: 'inputs' | 'outputs', name: string): string {
  return `EB_${role === 'inputs' ? 'INPUT' : 'OUTPUT'}_${name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
}

/**
 * Wires an executable's named inputs and outputs to the resources they link (EB-OFF-24), in an offer body the
 * broker is about to store: each linked resource is mounted (inputs READONLY, outputs READWRITE) unless a
 * volume of the request mounts it already, and a Docker container's environment gets the mount path under the
 * parameter's `env` (unless the client set that variable itself). The body is changed in place; the objects it changes are copies, never the request's.
 */
export function wireParameters(body: JsonRecord): void {
  const exe = body.executable;
  if (!isObject(exe)) return;
  const compute = isObject(body.compute) ? body.compute : undefined;
  if (!compute) return;
  const volumes: unknown[] = isList(compute.volumes) ? [...compute.volumes] : [];
  const env: Record<string, string> = {};
  for (const role of ['inputs', 'outputs'] as const) {
    const list = exe[role];
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      if (!isObject(p) || typeof p.name !== 'string' || typeof p.resource !== 'string') continue;
      const mounted = volumes.find(
        (v): v is JsonRecord => isObject(v) && v.resource === p.resource && typeof v.path === 'string',
      );
      let path = mounted?.path as string | undefined;
      if (path === undefined) {
        path = typeof p.path === 'string' ? p.path : `/${role}/${p.name}`;
        volumes.push({
          kind: KINDS.SimpleVolumeMount,
          meta: { name: `${role === 'inputs' ? 'input' : 'output'}-${p.name}` },
          path,
          mode: role === 'inputs' ? 'READONLY' : 'READWRITE',
          resource: p.resource,
        });
      }
      env[typeof p.env === 'string' ? p.env : defaultEnv(role, p.name)] = path;
    }
  }
  if (Object.keys(env).length === 0) return;
  if (volumes.length > 0) compute.volumes = volumes;
  if (exe.kind === KINDS.DockerContainer) {
    // A variable the client set itself keeps its value: the offer repeats what the request fixed (EB-OFF-19), and
    // a client that names a parameter's variable after one of its own has said which it wants.
    body.executable = { ...exe, environment: { ...env, ...(isObject(exe.environment) ? exe.environment : {}) } };
  }
}
