// Min log (CTL-5, CIT-1, CIT-2): the citizen's own page at /minlog, in plain Danish. MitID login, the lookups on
// the citizen (time, unit, system, purpose — never the employee), downloads, and formal requests.
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Loading, ShieldMark, TextAreaField } from '../../../shared/ui/components.tsx';
import { citizenLogout, useCitizenRequest, useCitizenSession, useMinLog, type RequestReceipt } from '../api/minlog.ts';

const loginMessages: Record<string, string> = {
  niveau: 'Du skal logge ind med MitID på sikringsniveau betydelig eller høj for at se din log.',
  failed: 'Login med MitID lykkedes ikke. Prøv igen.',
  unavailable: 'Login med MitID er ikke tilgængeligt lige nu. Prøv igen senere.',
};

/** The whole citizen page; lives outside the staff app shell and never uses the staff session. */
export function MinLogPage() {
  const session = useCitizenSession();
  const loginResult = new URLSearchParams(window.location.search).get('login');
  return (
    <div className="start">
      <header className="start-header">
        <div className="brand">
          <ShieldMark size={36} />
          <div>
            <p className="brand-name">Min log</p>
            <p className="brand-tagline">Se, hvem i kommunen der har slået dine oplysninger op</p>
          </div>
        </div>
        {session.data?.signedIn && <LogoutButton />}
      </header>
      <main id="main" className="page" style={{ maxWidth: '60rem', margin: '0 auto', padding: '1.5rem' }}>
        <h1>Min log</h1>
        <p className="lead">Her kan du se, hvornår kommunen har slået dine oplysninger op.</p>
        <p>
          Du kan se tidspunktet, hvilken afdeling der lavede opslaget, i hvilket it-system og til hvilket formål. Du kan ikke se navnet på den enkelte
          medarbejder.
        </p>
        {loginResult && loginMessages[loginResult] && !session.data?.signedIn && <Alert tone="warning">{loginMessages[loginResult]}</Alert>}
        {session.isPending ? <Loading label="Indlæser …" /> : session.data?.signedIn ? <SignedIn /> : <LoginBox available={session.data?.loginAvailable ?? false} />}
      </main>
    </div>
  );
}

function LoginBox({ available }: { available: boolean }) {
  return (
    <section className="card" aria-labelledby="login-title">
      <h2 id="login-title">Log ind for at se din log</h2>
      <p>Du logger ind med MitID. Vi viser kun opslag om dig selv.</p>
      {available ? (
        <a className="btn btn-primary" href="/api/citizen/login" data-testid="mitid-login">
          Log ind med MitID
        </a>
      ) : (
        <Alert tone="info">Login med MitID er ikke sat op i denne installation.</Alert>
      )}
    </section>
  );
}

function LogoutButton() {
  const client = useQueryClient();
  return (
    <Button
      variant="secondary"
      onClick={() => {
        void citizenLogout().finally(() => client.invalidateQueries({ queryKey: ['citizen'] }));
      }}
    >
      Log ud
    </Button>
  );
}

function SignedIn() {
  const log = useMinLog(true);
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <>
      <section className="section" aria-labelledby="log-title">
        <h2 id="log-title">Opslag på dine oplysninger</h2>
        <p className="toolbar">
          <a className="btn btn-secondary" href="/api/citizen/log.pdf" download>
            Hent som PDF
          </a>{' '}
          <a className="btn btn-secondary" href="/api/citizen/log.csv" download>
            Hent som regneark (CSV)
          </a>
        </p>
        {log.isPending && <Loading label="Henter din log …" />}
        {log.isError && <Alert tone="error">{log.error.message}</Alert>}
        {log.isSuccess && entries.length === 0 && <p>Der er ingen opslag på dine oplysninger i loggen.</p>}
        {entries.length > 0 && (
          <div className="table-wrap">
            <table className="data-table" data-testid="minlog-table">
              <thead>
                <tr>
                  <th scope="col">Tidspunkt</th>
                  <th scope="col">Afdeling</th>
                  <th scope="col">System</th>
                  <th scope="col">Formål</th>
                  <th scope="col">Hvad skete der</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e, i) => (
                  <tr key={`${e.time}-${i}`}>
                    <td className="nowrap">
                      <time dateTime={e.time}>{e.timeText}</time>
                    </td>
                    <td>{e.unit}</td>
                    <td>{e.system}</td>
                    <td>{e.purpose}</td>
                    <td>{e.action}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {log.hasNextPage && (
          <p className="pager">
            <Button variant="secondary" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
              Vis ældre opslag
            </Button>
          </p>
        )}
      </section>
      <RequestSection />
    </>
  );
}

function RequestSection() {
  const request = useCitizenRequest();
  const [kind, setKind] = useState<'access' | 'rectification'>('access');
  const [message, setMessage] = useState('');
  const [receipt, setReceipt] = useState<RequestReceipt | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({ kind, ...(message.trim() ? { message } : {}) }, { onSuccess: (r) => setReceipt(r) });
  };
  if (receipt) {
    return (
      <section className="section" aria-live="polite" data-testid="request-receipt">
        <h2>Kvittering</h2>
        <p>
          Vi har modtaget din {receipt.kind === 'access' ? 'anmodning om indsigt' : 'anmodning om at få rettet oplysninger'} den{' '}
          {new Date(receipt.receivedAt).toLocaleString('da-DK', { timeZone: 'Europe/Copenhagen' })}.
        </p>
        <p>
          Dit kvitteringsnummer er <strong className="mono">{receipt.reference}</strong>. Kommunen svarer normalt inden for en måned.
        </p>
      </section>
    );
  }
  return (
    <section className="section" aria-labelledby="request-title">
      <h2 id="request-title">Anmod om indsigt eller rettelse</h2>
      <p>Du kan bede kommunen om en formel besvarelse af, hvilke oplysninger der er behandlet om dig, eller om at få rettet noget, der er forkert.</p>
      <form onSubmit={submit}>
        <fieldset className="choice-group">
          <legend>Hvad vil du?</legend>
          <label className="choice">
            <input type="radio" name="kind" checked={kind === 'access'} onChange={() => setKind('access')} /> Anmod om indsigt
          </label>
          <label className="choice">
            <input type="radio" name="kind" checked={kind === 'rectification'} onChange={() => setKind('rectification')} /> Anmod om rettelse
          </label>
        </fieldset>
        <TextAreaField
          label={kind === 'rectification' ? 'Hvad skal rettes?' : 'Bemærkninger (frivilligt)'}
          value={message}
          maxLength={4000}
          onChange={(e) => setMessage(e.target.value)}
          {...(request.isError ? { error: request.error.message } : {})}
        />
        <Button type="submit" disabled={request.isPending || (kind === 'rectification' && !message.trim())}>
          Send anmodning
        </Button>
      </form>
    </section>
  );
}
