/**
 * The slot for the ledger's verification state. The ledger does not exist
 * yet, so it says exactly that instead of showing a reassuring "verified".
 */
export function LedgerStatus() {
  return (
    <span className="badge badge-neutral ledger-status" title="The tamper-evident ledger is not built yet; nothing is being verified.">
      <span className="badge-dot" aria-hidden="true" />
      Ledger: not built yet
    </span>
  );
}
