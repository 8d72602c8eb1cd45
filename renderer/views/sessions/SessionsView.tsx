/** The Sessions view (being built). */
export function SessionsView() {
  return <p className="centered muted">Coordination sessions</p>;
}
