/**
 * `?policy-url=`: the full address shown, and nothing fetched until the user says Load. Errors
 * (unreachable, not YAML, too big) stay in the dialog until it is closed.
 */
import { useState } from 'react'
import { checkPolicyUrl, policyUrlFileName } from '../../domain/files/policy-url.ts'
import { Dialog } from '../../ui/Dialog.tsx'
import { fetchPolicy } from './fetch-policy.ts'
import { useFileUi } from './file-ui.ts'
import { replaceWithFiles } from './open-policies.ts'

export function PolicyUrlDialog(): React.JSX.Element | null {
  const raw = useFileUi((s) => s.policyUrl)
  return raw === null ? null : <PolicyUrlBody key={raw} raw={raw} />
}

function PolicyUrlBody({ raw }: { readonly raw: string }): React.JSX.Element {
  const checked = checkPolicyUrl(raw, window.location.origin)
  const [state, setState] = useState<{ kind: 'ask' } | { kind: 'loading' } | { kind: 'error'; message: string }>(
    checked.ok ? { kind: 'ask' } : { kind: 'error', message: checked.error },
  )
  const close = (): void => useFileUi.getState().set({ policyUrl: null })
  const load = (): void => {
    if (!checked.ok || state.kind === 'loading') return
    setState({ kind: 'loading' })
    fetchPolicy(checked.url)
      .then((text) => {
        close()
        return replaceWithFiles([{ path: policyUrlFileName(checked.url), text }], 'policy-url')
      })
      .catch((err: unknown) => setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) }))
  }
  return (
    <Dialog title="Load a policy from the web?" testId="policy-url-dialog" onCancel={close} {...(state.kind === 'ask' ? { onSubmit: load } : {})} wide>
      <p>The link that opened this page asks Membrane to download a policy from:</p>
      <code className="policy-url__address" data-testid="policy-url-address">{checked.ok ? checked.url : raw}</code>
      <p className="muted">Membrane makes no other network request. Load only from an address you trust; the request is sent without cookies.</p>
      {state.kind === 'loading' && <p role="status">Loading…</p>}
      {state.kind === 'error' && <p className="share__warning" role="alert" data-testid="policy-url-error">{state.message}</p>}
      <div className="dialog__actions">
        <button type="button" onClick={close} data-testid="policy-url-decline">{state.kind === 'error' ? 'Close' : "Don't load"}</button>
        {state.kind !== 'error' && (
          <button type="submit" data-testid="policy-url-load" disabled={state.kind === 'loading'}>Load policy</button>
        )}
      </div>
    </Dialog>
  )
}
